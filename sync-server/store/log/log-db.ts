import { EventEmitter } from 'node:events';
import { parseDoc, processDocs, type DocInfo } from 'pouchdb-adapter-utils';
import { createError, INVALID_REV, MISSING_DOC, REV_CONFLICT } from 'pouchdb-errors';
import { collectConflicts, collectLeaves, isDeleted, isLocalId, latest, rootToLeaf, traverseRevTree, type RevNode, type RevTree } from 'pouchdb-merge';
import { matchesSelector } from 'pouchdb-selector-core';
import type { AllDocsOptions, BulkResult, ChangesQuery, ChangesResult, GetOptions, Json, StoreDb } from '../types';
import { compileSelector } from '../selector-match';
import { purgeStubRev } from '../purge';
import { LogFile } from './log-file';

/** PouchDB's default `revs_limit`: revision ids kept per branch. */
const REVS_LIMIT = 1000;

/** One document: its revision tree, winner and the bodies (JSON text) of the revisions that still have one. */
interface Meta {
  id: string;
  tree: RevTree;
  winner: string;
  deleted: boolean;
  seq: number;
  bodies: Map<string, string>;
}

interface Local {
  rev: string;
  body: string;
}

/*
 * Records in the file, each line a JSON array of them (one line per committed group of writes):
 *   ["d", id, seq, tree, rev, body]   a revision written (the whole tree after the write)
 *   ["l", id, rev, body|null]         a _local document written (null: deleted)
 *   ["e", id, [rev…]]                 bodies erased (purge): the revisions stay, their bodies go
 *   ["f", id, seq, tree, {rev: body}] a document as a whole (written by compaction)
 *   ["h", update_seq]                 the sequence counter (first line after compaction)
 */
type Rec = ['d', string, number, RevTree, string, Json] | ['l', string, string, Json | null] | ['e', string, string[]] | ['f', string, number, RevTree, Record<string, Json>] | ['h', number];

const cloneNode = (n: RevNode): RevNode => [n[0], { ...n[1] }, n[2].map(cloneNode)];
const cloneTree = (t: RevTree): RevTree => t.map((b) => ({ pos: b.pos, ids: cloneNode(b.ids) }));

function winnerOf(tree: RevTree): { rev: string; deleted: boolean } {
  // PouchDB's rule (pouchdb-merge winningRev): a live leaf before a deleted one, then the
  // longest path, then the highest revision id.
  let best: { pos: number; hash: string; deleted: boolean } | null = null;
  traverseRevTree(tree, (isLeaf, pos, hash, _ctx, opts) => {
    if (!isLeaf) return;
    const del = !!opts.deleted;
    if (!best || (best.deleted !== del ? best.deleted : best.pos !== pos ? best.pos < pos : best.hash < hash)) best = { pos, hash, deleted: del };
  });
  const b = best as { pos: number; hash: string; deleted: boolean } | null;
  return b ? { rev: `${b.pos}-${b.hash}`, deleted: b.deleted } : { rev: '0-0', deleted: true };
}

/** A document from its stored body text, with one JSON.parse (callers may change what they get). */
function materialize(id: string, rev: string, body: string, deleted: boolean): Json {
  const head = `{"_id":${JSON.stringify(id)},"_rev":${JSON.stringify(rev)}${deleted ? ',"_deleted":true' : ''}`;
  return JSON.parse(body.length > 2 ? `${head},${body.slice(1)}` : `${head}}`) as Json;
}

/** Per-document errors as CouchDB answers them (PouchDB's carry `name`/`message`). */
function toBulkResult(id: string, r: unknown): BulkResult {
  const x = r as { ok?: boolean; rev?: string; error?: unknown; name?: string; message?: string; reason?: string; status?: number };
  if (x && x.ok) return { ok: true, id, rev: x.rev! };
  const error = x?.name ?? 'error';
  const reason = error === 'conflict' ? 'Document update conflict.' : (x?.reason ?? x?.message ?? error);
  return { id, error, reason };
}

type WriteJob = { kind: 'write'; compute(stage: Stage): string[]; settle(err?: unknown): void };
type ExclusiveJob = { kind: 'exclusive'; run(): Promise<void>; resolve(): void; reject(err: unknown): void };

/** Writes of one commit group, invisible to readers until their line is on disk. */
class Stage {
  readonly metas = new Map<string, Meta>();
  readonly locals = new Map<string, Local | null>();
  seq: number;
  constructor(private db: LogDb) {
    this.seq = db.seq;
  }
  meta(id: string): Meta | undefined {
    let m = this.metas.get(id);
    if (!m) {
      const cur = this.db.docs.get(id);
      if (!cur) return undefined;
      m = { ...cur, tree: cloneTree(cur.tree), bodies: new Map(cur.bodies) };
      this.metas.set(id, m);
    }
    return m;
  }
  local(id: string): Local | undefined {
    return this.locals.has(id) ? (this.locals.get(id) ?? undefined) : this.db.locals.get(id);
  }
}

/**
 * One database of the log store: everything in memory (index and bodies as JSON text), every
 * write appended to the database's file and synced before it is answered. Revision trees,
 * conflict detection and winners are PouchDB's own code (pouchdb-merge, pouchdb-adapter-utils),
 * so the semantics equal the LevelDB store's.
 */
export class LogDb implements StoreDb {
  readonly docs = new Map<string, Meta>();
  readonly locals = new Map<string, Local>();
  /** Document by its latest sequence (holes where a document moved on). */
  private bySeq: (Meta | undefined)[] = [undefined];
  seq = 0;
  private docCount = 0;
  private delCount = 0;
  private sorted: string[] = [];
  private unsorted: string[] = [];
  private file!: LogFile;
  private jobs: (WriteJob | ExclusiveJob)[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private events = new EventEmitter();
  closed = false;

  private constructor(
    readonly name: string,
    private path: string,
  ) {
    this.events.setMaxListeners(0);
  }

  static async open(name: string, file: string): Promise<LogDb> {
    const db = new LogDb(name, file);
    db.file = await LogFile.open(file, (line) => {
      for (const rec of JSON.parse(line) as Rec[]) db.replay(rec);
    });
    return db;
  }

  // ------------------------------------------------------------------ state

  private replay(rec: Rec): void {
    switch (rec[0]) {
      case 'd': {
        const [, id, seq, tree, rev, body] = rec;
        const cur = this.docs.get(id);
        const bodies = cur?.bodies ?? new Map<string, string>();
        bodies.set(rev, JSON.stringify(body));
        this.commitMeta(this.withWinner({ id, tree, seq, bodies, winner: '', deleted: false }));
        break;
      }
      case 'f': {
        const [, id, seq, tree, bodies] = rec;
        const m = new Map(Object.entries(bodies).map(([r, b]) => [r, JSON.stringify(b)]));
        this.commitMeta(this.withWinner({ id, tree, seq, bodies: m, winner: '', deleted: false }));
        break;
      }
      case 'e': {
        const m = this.docs.get(rec[1]);
        if (m) this.commitMeta(eraseRevs({ ...m, tree: m.tree, bodies: m.bodies }, rec[2]));
        break;
      }
      case 'l':
        if (rec[3] === null) this.locals.delete(rec[1]);
        else this.locals.set(rec[1], { rev: rec[2], body: JSON.stringify(rec[3]) });
        break;
      case 'h':
        this.seq = Math.max(this.seq, rec[1]);
        break;
    }
  }

  private withWinner(m: Meta): Meta {
    const w = winnerOf(m.tree);
    m.winner = w.rev;
    m.deleted = w.deleted;
    return m;
  }

  /** Makes `next` the visible state of its document (keeps the Meta object that bySeq points to). */
  private commitMeta(next: Meta): void {
    const cur = this.docs.get(next.id);
    if (cur) {
      if (cur.deleted) this.delCount--;
      else this.docCount--;
      if (cur.seq !== next.seq) this.bySeq[cur.seq] = undefined;
      Object.assign(cur, next);
    } else {
      this.docs.set(next.id, next);
      this.unsorted.push(next.id);
    }
    const m = cur ?? next;
    if (m.deleted) this.delCount++;
    else this.docCount++;
    this.bySeq[m.seq] = m;
    if (m.seq > this.seq) this.seq = m.seq;
  }

  // ------------------------------------------------------------------ writes

  private enqueue(job: WriteJob | ExclusiveJob): void {
    this.jobs.push(job);
    if (!this.running) {
      this.running = true;
      this.idle = this.drainJobs();
    }
  }

  /**
   * Group commit: all writes that arrived while the previous group was being synced go to disk
   * together (one append, one fsync), then become visible together.
   */
  private async drainJobs(): Promise<void> {
    for (;;) {
      if (this.jobs.length === 0) {
        // Cleared in the same tick as the last look at the queue, so no job is left waiting.
        this.running = false;
        return;
      }
      const first = this.jobs[0]!;
      if (first.kind === 'exclusive') {
        this.jobs.shift();
        await first.run().then(first.resolve, first.reject);
        continue;
      }
      const group: WriteJob[] = [];
      while (this.jobs[0]?.kind === 'write') group.push(this.jobs.shift() as WriteJob);
      const stage = new Stage(this);
      const lines: string[] = [];
      const failed = new Map<WriteJob, unknown>();
      for (const job of group) {
        try {
          const recs = job.compute(stage);
          if (recs.length) lines.push(`[${recs.join(',')}]`);
        } catch (err) {
          failed.set(job, err);
        }
      }
      let err: unknown;
      if (lines.length) {
        try {
          if (this.closed) throw new Error(`database ${this.name} is closed`);
          await this.file.append(lines);
          for (const m of stage.metas.values()) this.commitMeta(m);
          for (const [id, l] of stage.locals) {
            if (l) this.locals.set(id, l);
            else this.locals.delete(id);
          }
          this.seq = Math.max(this.seq, stage.seq);
        } catch (e) {
          err = e;
        }
      }
      for (const job of group) job.settle(failed.get(job) ?? err);
      if (lines.length && !err && stage.metas.size) this.events.emit('change');
    }
  }

  bulkDocs(docs: Json[], newEdits: boolean): Promise<BulkResult[]> {
    if (docs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      let results: BulkResult[] = [];
      this.enqueue({
        kind: 'write',
        compute: (stage) => {
          const out = this.computeBulk(stage, docs, newEdits);
          results = out.results;
          return out.recs;
        },
        settle: (err) => (err ? reject(err) : resolve(results)),
      });
    });
  }

  /** PouchDB's bulkDocs (pouchdb-adapter-utils processDocs) against the staged state; synchronous. */
  private computeBulk(stage: Stage, docs: Json[], newEdits: boolean): { results: BulkResult[]; recs: string[] } {
    const recs: string[] = [];
    const raw: unknown[] = new Array(docs.length);
    const infos: (DocInfo | Json)[] = [];
    const positions: number[] = [];
    docs.forEach((input, i) => {
      const doc = { ...input };
      const id = typeof doc._id === 'string' ? doc._id : '';
      if (id && isLocalId(id)) {
        infos.push(doc);
        positions.push(i);
        return;
      }
      try {
        const info = parseDoc(doc, newEdits, { deterministic_revs: true });
        if ((info as { error?: unknown }).error) raw[i] = info;
        else {
          infos.push(info);
          positions.push(i);
        }
      } catch (err) {
        raw[i] = err;
      }
    });
    const fetched = new Map<string, { rev_tree: RevTree; winningRev: string; deleted: boolean }>();
    for (const info of infos) {
      const id = (info as DocInfo).metadata?.id;
      if (!id || fetched.has(id)) continue;
      const m = stage.meta(id);
      if (m) fetched.set(id, { rev_tree: m.tree, winningRev: m.winner, deleted: m.deleted });
    }
    const sub: unknown[] = new Array(infos.length);
    const api = {
      _putLocal: (doc: Json, _o: unknown, cb: (err: unknown, res?: unknown) => void) => {
        const id = String(doc._id);
        const old = typeof doc._rev === 'string' ? doc._rev : undefined;
        const cur = stage.local(id);
        if (!cur && old) return cb(createError(MISSING_DOC));
        if (cur && cur.rev !== old) return cb(createError(REV_CONFLICT));
        const rev = old ? `0-${parseInt(old.split('-')[1] ?? '0', 10) + 1}` : '0-1';
        const { _id, _rev, _revisions, ...data } = doc;
        const body = JSON.stringify(data);
        stage.locals.set(id, { rev, body });
        recs.push(`["l",${JSON.stringify(id)},${JSON.stringify(rev)},${body}]`);
        cb(null, { ok: true, id, rev });
      },
      _removeLocal: (doc: Json, _o: unknown, cb: (err: unknown, res?: unknown) => void) => {
        const id = String(doc._id);
        const cur = stage.local(id);
        if (!cur) return cb(createError(MISSING_DOC));
        if (cur.rev !== doc._rev) return cb(createError(REV_CONFLICT));
        stage.locals.set(id, null);
        recs.push(`["l",${JSON.stringify(id)},"0-0",null]`);
        cb(null, { ok: true, id, rev: '0-0' });
      },
    };
    const writeDoc = (info: DocInfo, winningRev: string, winningDeleted: boolean, _newDel: boolean, _upd: boolean, _delta: number, idx: number, cb: () => void) => {
      const id = info.metadata.id;
      const rev = info.metadata.rev;
      const seq = ++stage.seq;
      const body = JSON.stringify(info.data);
      const prev = stage.meta(id);
      const bodies = prev?.bodies ?? new Map<string, string>();
      for (const r of info.stemmedRevs ?? []) bodies.delete(r);
      bodies.set(rev, body);
      const m: Meta = { id, tree: info.metadata.rev_tree, winner: winningRev, deleted: winningDeleted, seq, bodies };
      stage.metas.set(id, m);
      fetched.set(id, { rev_tree: m.tree, winningRev, deleted: winningDeleted });
      recs.push(`["d",${JSON.stringify(id)},${seq},${JSON.stringify(m.tree)},${JSON.stringify(rev)},${body}]`);
      sub[idx] = { ok: true, id, rev };
      cb();
    };
    processDocs(REVS_LIMIT, infos, api, fetched, null, sub, writeDoc, { new_edits: newEdits });
    positions.forEach((pos, k) => (raw[pos] = sub[k]));
    const results = docs.map((d, i) => {
      const r = raw[i] as (DocInfo & { ok?: boolean }) | undefined;
      const id = typeof d._id === 'string' ? d._id : '';
      // new_edits=false with a revision already present: PouchDB hands back the parsed doc.
      if (r && (r as DocInfo).metadata && !(r as { error?: unknown }).error) return { ok: true as const, id: (r as DocInfo).metadata.id, rev: (r as DocInfo).metadata.rev };
      const okId = (r as unknown as { ok?: boolean; id?: string } | undefined)?.ok ? (r as unknown as { id: string }).id : id;
      return toBulkResult(okId, r);
    });
    return { results, recs };
  }

  // ------------------------------------------------------------------ reads

  async info(): Promise<Json> {
    return {
      db_name: this.name,
      doc_count: this.docCount,
      doc_del_count: this.delCount,
      update_seq: this.seq,
      purge_seq: 0,
      compact_running: false,
      instance_start_time: '0',
      disk_format_version: 8,
      sizes: { file: this.file.bytes, external: 0, active: 0 },
      props: {},
    };
  }

  async updateSeq(): Promise<number> {
    return this.seq;
  }

  async get(id: string, opts: GetOptions = {}): Promise<unknown> {
    if (typeof id !== 'string') throw createError(MISSING_DOC);
    if (isLocalId(id)) {
      const l = this.locals.get(id);
      if (!l) throw createError(MISSING_DOC);
      return materialize(id, l.rev, l.body, false);
    }
    const meta = this.docs.get(id);
    if (opts.open_revs) {
      if (!meta) throw createError(MISSING_DOC, 'missing');
      let leaves: string[];
      if (opts.open_revs === 'all') leaves = collectLeaves(meta.tree).map((l) => l.rev);
      else if (Array.isArray(opts.open_revs)) {
        leaves = opts.open_revs;
        if (leaves.some((l) => !/^\d+-/.test(String(l)))) throw createError(INVALID_REV);
      } else throw createError(INVALID_REV);
      const out: ({ ok: Json } | { missing: string })[] = [];
      for (const leaf of leaves) {
        try {
          const doc = this.read(meta, leaf, { revs: opts.revs, latest: opts.latest });
          if (!out.some((o) => 'ok' in o && o.ok._rev === doc._rev)) out.push({ ok: doc });
        } catch {
          out.push({ missing: leaf });
        }
      }
      return out;
    }
    if (!meta) throw createError(MISSING_DOC, 'missing');
    return this.read(meta, opts.rev, opts);
  }

  /** PouchDB's get of one revision (pouchdb-core get + the adapter's _get). */
  private read(meta: Meta, wanted: string | undefined, opts: GetOptions): Json {
    let rev: string;
    if (!wanted) {
      if (meta.deleted) throw createError(MISSING_DOC, 'deleted');
      rev = meta.winner;
    } else {
      try {
        rev = opts.latest ? latest(wanted, { rev_tree: meta.tree }) : wanted;
      } catch {
        throw createError(MISSING_DOC);
      }
    }
    const body = meta.bodies.get(rev);
    if (body === undefined) throw createError(MISSING_DOC);
    const deleted = rev === meta.winner ? meta.deleted : isDeleted({ rev_tree: meta.tree }, rev);
    const doc = materialize(meta.id, rev, body, deleted);
    if (opts.conflicts) {
      const c = collectConflicts({ rev_tree: meta.tree });
      if (c.length) doc._conflicts = c;
    }
    if (opts.deleted_conflicts) {
      const d = collectLeaves(meta.tree)
        .filter((l) => l.opts.deleted && l.rev !== meta.winner)
        .map((l) => l.rev);
      if (d.length) doc._deleted_conflicts = d;
    }
    if (opts.revs || opts.revs_info) {
      const n = parseInt(rev, 10);
      const hash = rev.slice(rev.indexOf('-') + 1);
      let path: { pos: number; ids: { id: string; opts: { status?: string } }[] } | null = null;
      for (const p of rootToLeaf(meta.tree)) {
        const i = p.ids.findIndex((x) => x.id === hash);
        if (i === n - p.pos || (!path && i !== -1)) path = p;
      }
      if (!path) throw new Error('invalid rev tree');
      const ids = path.ids.slice(0, path.ids.findIndex((x) => x.id === hash) + 1).reverse();
      if (opts.revs) doc._revisions = { start: path.pos + ids.length - 1, ids: ids.map((x) => x.id) };
      if (opts.revs_info) {
        let pos = path.pos + ids.length;
        doc._revs_info = ids.map((x) => ({ rev: `${--pos}-${x.id}`, status: x.opts.status }));
      }
    }
    return doc;
  }

  private sortedIds(): string[] {
    if (this.unsorted.length) {
      this.unsorted.sort();
      const a = this.sorted;
      const b = this.unsorted;
      const out: string[] = new Array(a.length + b.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
      while (i < a.length) out[k++] = a[i++]!;
      while (j < b.length) out[k++] = b[j++]!;
      this.sorted = out;
      this.unsorted = [];
    }
    return this.sorted;
  }

  async allDocs(opts: AllDocsOptions): Promise<Json> {
    const row = (m: Meta): Json => {
      const r: Json = { id: m.id, key: m.id, value: { rev: m.winner } };
      if (opts.include_docs) r.doc = this.read(m, undefined, { conflicts: opts.conflicts });
      return r;
    };
    if (opts.keys) {
      const rows = opts.keys.map((key): Json => {
        const m = this.docs.get(key);
        if (!m) return { key, error: 'not_found' };
        if (m.deleted) return { id: key, key, value: { rev: m.winner, deleted: true }, ...(opts.include_docs ? { doc: null } : {}) };
        return row(m);
      });
      return { total_rows: this.docCount, offset: opts.skip ?? 0, rows: opts.descending ? rows.reverse() : rows };
    }
    const ids = this.sortedIds();
    const desc = !!opts.descending;
    const inclusive = opts.inclusive_end !== false;
    const lo = desc ? opts.endkey : opts.startkey;
    const hi = desc ? opts.startkey : opts.endkey;
    const skip = opts.skip ?? 0;
    const limit = opts.limit ?? Infinity;
    const rows: Json[] = [];
    let skipped = 0;
    const inRange = (id: string) => (lo === undefined || (desc && !inclusive ? id > lo : id >= lo)) && (hi === undefined || (!desc && !inclusive ? id < hi : id <= hi));
    // First index not below `lo` (binary search), then walk in the asked direction.
    const lower = (key: string | undefined) => {
      if (key === undefined) return 0;
      let a = 0;
      let b = ids.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (ids[mid]! < key) a = mid + 1;
        else b = mid;
      }
      return a;
    };
    if (!desc) {
      for (let i = lower(lo); i < ids.length && rows.length < limit; i++) {
        const id = ids[i]!;
        if (!inRange(id)) {
          if (hi !== undefined && id > hi) break;
          continue;
        }
        const m = this.docs.get(id);
        if (!m || m.deleted || isLocalId(id)) continue;
        if (skipped++ < skip) continue;
        rows.push(row(m));
      }
    } else {
      const start = hi === undefined ? ids.length - 1 : lower(hi) + (ids[lower(hi)] === hi ? 0 : -1);
      for (let i = Math.min(start, ids.length - 1); i >= 0 && rows.length < limit; i--) {
        const id = ids[i]!;
        if (!inRange(id)) {
          if (lo !== undefined && id < lo) break;
          continue;
        }
        const m = this.docs.get(id);
        if (!m || m.deleted) continue;
        if (skipped++ < skip) continue;
        rows.push(row(m));
      }
    }
    return { total_rows: this.docCount, offset: skip, rows };
  }

  async changes(q: ChangesQuery): Promise<ChangesResult> {
    const since = typeof q.since === 'string' ? parseInt(q.since, 10) || 0 : q.since;
    const limit = q.limit ?? Infinity;
    const ids = q.docIds ? new Set(q.docIds) : null;
    let match: ((doc: Json) => boolean) | null = null;
    if (q.selector) {
      const sel = q.selector;
      match = compileSelector(sel) ?? ((doc: Json) => matchesSelector(doc, sel));
    }
    const results: Json[] = [];
    let last = q.descending ? 0 : since;
    const visit = (m: Meta) => {
      if (ids && !ids.has(m.id)) return;
      let doc: Json | undefined;
      if (match || q.includeDocs) {
        doc = materialize(m.id, m.winner, m.bodies.get(m.winner) ?? '{}', m.deleted);
        if (match && !match(doc)) return;
      }
      const row: Json = {
        id: m.id,
        changes: q.allLeaves ? collectLeaves(m.tree).map((l) => ({ rev: l.rev })) : [{ rev: m.winner }],
        seq: m.seq,
      };
      if (m.deleted) row.deleted = true;
      if (q.includeDocs && doc) {
        if (q.conflicts) {
          const c = collectConflicts({ rev_tree: m.tree });
          if (c.length) doc._conflicts = c;
        }
        row.doc = doc;
      }
      results.push(row);
    };
    if (!q.descending) {
      for (let s = since + 1; s <= this.seq && results.length < limit; s++) {
        const m = this.bySeq[s];
        if (!m) continue;
        last = s;
        visit(m);
      }
      if (results.length < limit) last = Math.max(last, this.seq);
    } else {
      for (let s = this.seq; s > 0 && results.length < limit; s--) {
        const m = this.bySeq[s];
        if (!m) continue;
        last = s;
        visit(m);
      }
    }
    return { results, last_seq: last };
  }

  async revsDiff(body: Record<string, string[]>): Promise<Json> {
    const out: Json = {};
    for (const [id, revs] of Object.entries(body)) {
      const m = this.docs.get(id);
      if (!m) {
        out[id] = { missing: revs };
        continue;
      }
      const rest = revs.slice();
      const missing: string[] = [];
      traverseRevTree(m.tree, (_leaf, pos, hash, _ctx, o) => {
        const i = rest.indexOf(`${pos}-${hash}`);
        if (i === -1) return;
        rest.splice(i, 1);
        if (o.status !== 'available') missing.push(`${pos}-${hash}`);
      });
      missing.push(...rest);
      if (missing.length) out[id] = { missing };
    }
    return out;
  }

  async bulkGet(docs: { id: string; rev?: string }[], opts: { revs?: boolean; latest?: boolean }): Promise<Json> {
    // PouchDB's shim (pouchdb-utils bulkGet): one open_revs read per document id.
    const byId = new Map<string, (string | undefined)[]>();
    for (const d of docs) byId.set(d.id, [...(byId.get(d.id) ?? []), d.rev]);
    const results: Json[] = [];
    for (const [id, revs] of byId) {
      const wanted = revs.filter((r): r is string => !!r);
      let got: unknown[];
      try {
        got = wanted.length
          ? ((await this.get(id, { open_revs: wanted, revs: opts.revs, latest: opts.latest })) as unknown[])
          : [{ ok: await this.get(id, { revs: opts.revs, latest: opts.latest }) }];
      } catch (err) {
        const e = err as { name?: string; reason?: string; message?: string };
        got = [{ error: { id, rev: wanted[0] ?? 'undefined', error: e.name ?? 'not_found', reason: e.reason ?? e.message ?? 'missing' } }];
      }
      for (const g of got) {
        const miss = g as { missing?: string };
        results.push({ id, docs: [miss.missing ? { error: { id, rev: miss.missing, error: 'not_found', reason: 'missing' } } : g] });
      }
    }
    return { results };
  }

  subscribe(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  // ------------------------------------------------------------------ purge, compaction

  /**
   * CouchDB's `_purge`, as the LevelDB store does it (see ../purge.ts): a data-free deletion on
   * top of each purged leaf so replicas learn of it, then the bodies of every other revision of
   * the document are erased (an "e" record; compaction drops them from the file).
   */
  async purge(docs: Record<string, string[]>): Promise<Record<string, string[]>> {
    const purged: Record<string, string[]> = {};
    for (const [id, wanted] of Object.entries(docs)) {
      const m = this.docs.get(id);
      if (!m) {
        purged[id] = [];
        continue;
      }
      const all = wanted.length === 0 || wanted.includes('*');
      const leaves = collectLeaves(m.tree).map((l) => l.rev);
      const isStub = (l: string) => leaves.length > 0 && allRevs(m.tree).some((r) => parseInt(r, 10) === parseInt(l, 10) - 1 && purgeStubRev(id, r) === l);
      const targets = leaves.filter((l) => !isStub(l) && (all || wanted.includes(l)));
      const stubs = targets.map((leaf) => {
        const [pos, hash] = purgeStubRev(id, leaf).split('-') as [string, string];
        return { _id: id, _rev: `${pos}-${hash}`, _deleted: true, purged: true, _revisions: { start: Number(pos), ids: [hash, leaf.slice(leaf.indexOf('-') + 1)] } };
      });
      if (stubs.length) await this.bulkDocs(stubs, false);
      const after = this.docs.get(id)!;
      const keep = new Set(collectLeaves(after.tree).map((l) => l.rev).filter((l) => !targets.includes(l)));
      const erase = [...after.bodies.keys()].filter((r) => !keep.has(r));
      if (erase.length) await this.erase(id, erase);
      purged[id] = targets;
    }
    if (Object.values(purged).some((r) => r.length)) this.events.emit('change');
    return purged;
  }

  private erase(id: string, revs: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.enqueue({
        kind: 'write',
        compute: (stage) => {
          const m = stage.meta(id);
          if (!m) return [];
          eraseRevs(m, revs);
          return [`["e",${JSON.stringify(id)},${JSON.stringify(revs)}]`];
        },
        settle: (err) => (err ? reject(err) : resolve()),
      });
    });
  }

  /** CouchDB's `_compact`: bodies of non-leaf revisions go, and the file is rewritten without them. */
  compact(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.enqueue({
        kind: 'exclusive',
        resolve,
        reject,
        run: async () => {
          const docs = [...this.docs.values()];
          const lines = function* (db: LogDb): Generator<string> {
            yield `[["h",${db.seq}]]`;
            let batch: string[] = [];
            for (const m of docs) {
              const leaves = new Set(collectLeaves(m.tree).map((l) => l.rev));
              const old = [...m.bodies.keys()].filter((r) => !leaves.has(r));
              const next = old.length ? eraseRevs({ ...m, tree: cloneTree(m.tree), bodies: new Map(m.bodies) }, old) : m;
              const bodies = [...next.bodies].map(([r, b]) => `${JSON.stringify(r)}:${b}`).join(',');
              batch.push(`["f",${JSON.stringify(m.id)},${m.seq},${JSON.stringify(next.tree)},{${bodies}}]`);
              if (batch.length >= 500) {
                yield `[${batch.join(',')}]`;
                batch = [];
              }
            }
            for (const [id, l] of db.locals) batch.push(`["l",${JSON.stringify(id)},${JSON.stringify(l.rev)},${l.body}]`);
            if (batch.length) yield `[${batch.join(',')}]`;
          };
          await this.file.rewrite(lines(this));
          // Only after the new file is in place does memory drop the old bodies.
          for (const m of docs) {
            const leaves = new Set(collectLeaves(m.tree).map((l) => l.rev));
            const old = [...m.bodies.keys()].filter((r) => !leaves.has(r));
            if (old.length) eraseRevs(m, old);
          }
        },
      });
    });
  }

  async close(): Promise<void> {
    while (this.running) await this.idle;
    this.closed = true;
    await this.file.close();
  }
}

function allRevs(tree: RevTree): string[] {
  const out: string[] = [];
  traverseRevTree(tree, (_l, pos, hash) => {
    out.push(`${pos}-${hash}`);
  });
  return out;
}

/** Marks `revs` as having no body (PouchDB's compaction marks them `missing` the same way). */
function eraseRevs(m: Meta, revs: string[]): Meta {
  const set = new Set(revs);
  traverseRevTree(m.tree, (_l, pos, hash, _ctx, o) => {
    if (set.has(`${pos}-${hash}`)) o.status = 'missing';
  });
  for (const r of revs) m.bodies.delete(r);
  return m;
}
