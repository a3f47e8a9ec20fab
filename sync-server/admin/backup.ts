import type { IncomingMessage, ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { badRequest } from '../http/errors';
import type { Json, Store } from '../store/types';
import { STORE_DB_NAME } from '../store/types';

/**
 * Backups are one NDJSON file: a header line, then per database a `{"db": name}` line followed by
 * one `{"doc": …}` line per leaf revision with its `_revisions` history. Restoring writes them with
 * `new_edits:false`, so every revision keeps its id and replicas that already hold them see no
 * conflict and nothing new. Internal databases (users, regions) are included; `_local`
 * checkpoints are not (clients simply compare revisions again).
 */
export const BACKUP_FORMAT = 'regiodesk-backup';
const BATCH = 200;

export async function writeBackup(store: Store, res: ServerResponse): Promise<void> {
  const dbs = await store.list();
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
  const write = (obj: unknown) =>
    new Promise<void>((resolve) => {
      if (res.write(JSON.stringify(obj) + '\n')) resolve();
      else res.once('drain', resolve);
    });
  await write({ format: BACKUP_FORMAT, version: 1, created: new Date().toISOString(), databases: dbs });
  for (const name of dbs) {
    const db = await store.open(name);
    if (!db) continue;
    await write({ db: name });
    let since: number | string = 0;
    for (;;) {
      const batch = await db.changes({ since, limit: BATCH, allLeaves: true });
      if (batch.results.length === 0) break;
      since = batch.last_seq;
      const wanted = batch.results.flatMap((r) => ((r as { changes: { rev: string }[] }).changes ?? []).map((c) => ({ id: String(r.id), rev: c.rev })));
      const got = (await db.bulkGet(wanted, { revs: true })) as { results: { docs: ({ ok: Json } | { error: unknown })[] }[] };
      for (const r of got.results) for (const d of r.docs) if ('ok' in d) await write({ doc: d.ok });
    }
  }
  await write({ end: true });
  res.end();
}

/** Where a restore stands, after each batch written: the database and the revisions so far. */
export interface RestoreProgress {
  db: string;
  /** Revisions written into `db` so far. */
  revisions: number;
  /** Revisions written in all databases so far. */
  total: number;
  /** Databases begun so far (this one included) and how many the backup's header lists. */
  database: number;
  databases: number;
}

/**
 * Reads a backup from the request body line by line and writes it back; answers counts per
 * database. `onProgress` hears every batch written (the admin CLI's progress lines).
 */
export async function restoreBackup(store: Store, req: IncomingMessage, onProgress?: (p: RestoreProgress) => void): Promise<Record<string, number>> {
  const lines = createInterface({ input: req, crlfDelay: Infinity });
  const counts: Record<string, number> = {};
  let current: string | null = null;
  let pending: Json[] = [];
  let header = false;
  let ended = false;
  let listed = 0;
  let begun = 0;
  let total = 0;
  const flush = async () => {
    if (!current || pending.length === 0) return;
    const db = await store.open(current);
    if (!db) throw new Error(`database ${current} vanished during restore`);
    const res = await db.bulkDocs(pending, false);
    const failed = res.find((r) => 'error' in r);
    if (failed && 'error' in failed) throw badRequest(`Could not restore ${failed.id} in ${current}: ${failed.reason}`);
    counts[current] = (counts[current] ?? 0) + pending.length;
    total += pending.length;
    pending = [];
    onProgress?.({ db: current, revisions: counts[current]!, total, database: begun, databases: Math.max(listed, begun) });
  };
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw badRequest('The backup file is not valid (a line is not JSON).');
    }
    if (!header) {
      if (obj.format !== BACKUP_FORMAT) throw badRequest('This is not a Regiodesk backup file.');
      header = true;
      listed = Array.isArray(obj.databases) ? obj.databases.length : 0;
      continue;
    }
    if (typeof obj.db === 'string') {
      await flush();
      if (!STORE_DB_NAME.test(obj.db)) throw badRequest(`Invalid database name in backup: ${obj.db}`);
      current = obj.db;
      begun++;
      await store.create(current);
      counts[current] ??= 0;
    } else if (obj.doc && typeof obj.doc === 'object') {
      if (!current) throw badRequest('The backup file has a document before any database.');
      pending.push(obj.doc as Json);
      if (pending.length >= BATCH) await flush();
    } else if (obj.end === true) {
      ended = true;
    }
  }
  await flush();
  if (!header) throw badRequest('The backup file is empty.');
  if (!ended) throw badRequest('The backup file is incomplete (no end marker); what was read has been restored.');
  return counts;
}
