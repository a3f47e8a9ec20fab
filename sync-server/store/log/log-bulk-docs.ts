import { createHash } from 'node:crypto';
import { parseDoc, processDocs, type DocInfo } from 'pouchdb-adapter-utils';
import { createError, MISSING_DOC, REV_CONFLICT } from 'pouchdb-errors';
import { isLocalId, type RevTree } from 'pouchdb-merge';
import type { BulkResult, Json } from '../types';
import type { CommitQueue, Stage } from './log-commit';
import { noteType } from './log-kind';
import type { Meta } from './log-meta';

/** PouchDB's default `revs_limit`: revision ids kept per branch. */
const REVS_LIMIT = 1000;

/** Per-document errors as CouchDB answers them (PouchDB's carry `name`/`message`). */
function toBulkResult(id: string, r: unknown): BulkResult {
  const x = r as { ok?: boolean; rev?: string; error?: unknown; name?: string; message?: string; reason?: string; status?: number };
  if (x && x.ok) return { ok: true, id, rev: x.rev! };
  const error = x?.name ?? 'error';
  const reason = error === 'conflict' ? 'Document update conflict.' : (x?.reason ?? x?.message ?? error);
  return { id, error, reason };
}

export function bulkDocs(commits: CommitQueue, docs: Json[], newEdits: boolean): Promise<BulkResult[]> {
  if (docs.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    let results: BulkResult[] = [];
    commits.enqueue({
      kind: 'write',
      compute: (stage) => {
        const out = computeBulk(stage, docs, newEdits);
        results = out.results;
        return out.recs;
      },
      settle: (err) => (err ? reject(err) : resolve(results)),
    });
  });
}

/** PouchDB's bulkDocs (pouchdb-adapter-utils processDocs) against the staged state; synchronous. */
function computeBulk(stage: Stage, docs: Json[], newEdits: boolean): { results: BulkResult[]; recs: string[] } {
  return (newEdits && newDocuments(stage, docs)) || computeWithPouch(stage, docs, newEdits);
}

/**
 * The common case without PouchDB's machinery: a batch of only new documents (ids unknown to the
 * database and unique in the batch, no `_rev`, `_deleted` or other `_` fields, `_id` the first
 * key). Each gets what parseDoc + processDocs would give it: revision `1-<md5 of the document's
 * JSON>` (deterministic_revs, hashed as pouchdb-md5 does), a one-node tree, one record. The
 * document is serialised once; its body is that text without `_id`. Null: not this case.
 */
function newDocuments(stage: Stage, docs: Json[]): { results: BulkResult[]; recs: string[] } | null {
  const texts: string[] = new Array(docs.length);
  const seen = new Set<string>();
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const id = doc._id;
    if (typeof id !== 'string' || id.length === 0 || id.charCodeAt(0) === 95 || seen.has(id) || stage.meta(id)) return null;
    let first = true;
    for (const k in doc) {
      if (first ? k !== '_id' : k.charCodeAt(0) === 95) return null;
      first = false;
    }
    const text = JSON.stringify(doc);
    if (!text.startsWith(`{"_id":${JSON.stringify(id)}`)) return null;
    texts[i] = text;
    seen.add(id);
  }
  const results: BulkResult[] = new Array(docs.length);
  const recs: string[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const id = docs[i]!._id as string;
    const text = texts[i]!;
    const idJson = JSON.stringify(id);
    const cut = 7 + idJson.length; // `{"_id":` + the id
    const body = text.length === cut + 1 ? '{}' : `{${text.slice(cut + 1)}`;
    const hash = createHash('md5').update(text, 'binary').digest('hex');
    const rev = `1-${hash}`;
    const seq = ++stage.seq;
    const tree: RevTree = [{ pos: 1, ids: [hash, { status: 'available' }, []] }];
    const m: Meta = { id, tree, winner: rev, deleted: false, seq, bodies: new Map([[rev, body]]) };
    // The kind selector of _changes reads `type` from here (log-kind.ts).
    noteType(m, rev, body, docs[i]!.type);
    stage.metas.set(id, m);
    recs[i] = `["d",${idJson},${seq},[{"pos":1,"ids":["${hash}",{"status":"available"},[]]}],"${rev}",${body}]`;
    results[i] = { ok: true, id, rev };
  }
  return { results, recs };
}

function computeWithPouch(stage: Stage, docs: Json[], newEdits: boolean): { results: BulkResult[]; recs: string[] } {
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
    noteType(m, rev, body, (info.data as Json).type);
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
