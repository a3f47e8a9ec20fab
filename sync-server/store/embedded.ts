import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import PouchDB from 'pouchdb-node';
import type { AllDocsOptions, BulkResult, ChangesQuery, ChangesResult, GetOptions, Json, StoreDb } from './types';
import { FolderStore } from './folder-store';
import { purgeEmbedded } from './purge';
import { compileSelector } from './selector-match';
import { allDocsByKeys, keysLookupFits, type KeysPouch } from './keys-lookup';
import { compactFiles, trackedLeveldown } from './leveldb-files';

type Pouch = PouchDB.Database<Json>;

/** PouchDB's per-document errors carry `name`/`message`; CouchDB's carry `error`/`reason`. */
function toBulkResult(r: unknown): BulkResult {
  const x = r as { ok?: boolean; id: string; rev?: string; error?: unknown; name?: string; message?: string; reason?: string };
  if (x.error) {
    const error = typeof x.error === 'string' ? x.error : x.name ?? 'error';
    const reason = x.reason ?? x.message ?? error;
    return { id: x.id, ...(x.rev ? { rev: x.rev } : {}), error, reason: error === 'conflict' ? 'Document update conflict.' : reason };
  }
  return { ok: true, id: x.id, rev: x.rev! };
}

class EmbeddedDb implements StoreDb {
  private events = new EventEmitter();

  constructor(
    readonly name: string,
    readonly pouch: Pouch,
  ) {
    this.events.setMaxListeners(0);
  }

  async info(): Promise<Json> {
    const i = await this.pouch.info();
    return {
      db_name: this.name,
      doc_count: i.doc_count,
      doc_del_count: 0,
      update_seq: i.update_seq,
      purge_seq: 0,
      compact_running: false,
      instance_start_time: '0',
      disk_format_version: 8,
      sizes: { file: 0, external: 0, active: 0 },
      props: {},
    };
  }

  async updateSeq(): Promise<number | string> {
    return (await this.pouch.info()).update_seq;
  }

  get(id: string, opts: GetOptions = {}): Promise<unknown> {
    return this.pouch.get(id, opts as PouchDB.Core.GetOptions);
  }

  async bulkDocs(docs: Json[], newEdits: boolean): Promise<BulkResult[]> {
    if (docs.length === 0) return [];
    const res = await this.pouch.bulkDocs(docs as PouchDB.Core.PutDocument<Json>[], { new_edits: newEdits });
    let out = res.map(toBulkResult);
    if (!newEdits) {
      // PouchDB answers new_edits=false with the failures only (usually none): one result per
      // document, as the interface promises, and listeners (long-polls, fan-out) must hear of it.
      const failed = new Map(out.filter((r) => 'error' in r).map((r) => [r.id, r]));
      out = docs.map((d) => failed.get(String(d._id)) ?? { ok: true as const, id: String(d._id), rev: String(d._rev) });
    }
    if (out.some((r) => 'ok' in r)) this.events.emit('change');
    return out;
  }

  allDocs(opts: AllDocsOptions): Promise<Json> {
    // Keys: a point read per key instead of PouchDB's range scan per key (keys-lookup.ts).
    if (keysLookupFits(opts)) return allDocsByKeys(this.pouch as unknown as KeysPouch, opts, async () => (await this.pouch.info()).doc_count);
    return this.pouch.allDocs(opts as PouchDB.Core.AllDocsOptions) as unknown as Promise<Json>;
  }

  async changes(q: ChangesQuery): Promise<ChangesResult> {
    const opts: PouchDB.Core.ChangesOptions & { doc_ids?: string[]; selector?: Record<string, unknown> } = {
      // CouchDB-style "<n>-<opaque>" sequences from a client count by their number here.
      since: typeof q.since === 'string' ? parseInt(q.since, 10) || 0 : q.since,
      include_docs: q.includeDocs ?? false,
      style: q.allLeaves ? 'all_docs' : 'main_only',
      descending: q.descending ?? false,
      conflicts: q.conflicts ?? false,
      return_docs: true,
    };
    if (q.limit !== undefined) opts.limit = q.limit;
    if (q.docIds) opts.doc_ids = q.docIds;
    if (q.selector) {
      const match = compileSelector(q.selector);
      if (match) opts.filter = (doc: Json) => match(doc);
      else opts.selector = q.selector;
    }
    const res = await this.pouch.changes(opts);
    return { results: res.results as unknown as Json[], last_seq: res.last_seq };
  }

  revsDiff(body: Record<string, string[]>): Promise<Json> {
    return this.pouch.revsDiff(body) as unknown as Promise<Json>;
  }

  bulkGet(docs: { id: string; rev?: string }[], opts: { revs?: boolean; latest?: boolean }): Promise<Json> {
    return this.pouch.bulkGet({ docs, revs: opts.revs ?? false, latest: opts.latest ?? false } as PouchDB.Core.BulkGetOptions) as unknown as Promise<Json>;
  }

  /** See purge.ts: PouchDB's LevelDB adapter has no `_purge` of its own. */
  async purge(docs: Record<string, string[]>): Promise<Record<string, string[]>> {
    const purged = await purgeEmbedded(this.pouch, docs);
    if (Object.values(purged).some((r) => r.length > 0)) this.events.emit('change');
    return purged;
  }

  async compact(): Promise<void> {
    await this.pouch.compact();
    // Also LevelDB's own files, so purged values leave the disk (erasure, sync-server/privacy).
    await compactFiles(this.pouch.name);
  }

  subscribe(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }
}

/** One PouchDB (LevelDB folder) per database under `dataDir`. */
export class EmbeddedStore extends FolderStore<EmbeddedDb> {
  async create(name: string): Promise<boolean> {
    if (await this.exists(name)) return false;
    try {
      await mkdir(this.dataDir, { recursive: true });
      await this.openDb(name);
    } finally {
      this.listChanged();
    }
    return true;
  }

  protected load(name: string): Promise<EmbeddedDb> {
    const pouch = new PouchDB<Json>(this.dir(name), { db: trackedLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
    return pouch.info().then(() => new EmbeddedDb(name, pouch));
  }

  async destroy(name: string): Promise<boolean> {
    const db = (await this.open(name)) as EmbeddedDb | null;
    if (!db) return false;
    this.dbs.delete(name);
    try {
      await db.pouch.destroy();
    } finally {
      this.listChanged();
    }
    return true;
  }

  async close(): Promise<void> {
    const all = [...this.dbs.values()];
    this.dbs.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => null))?.pouch.close()));
  }
}
