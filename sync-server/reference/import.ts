import {
  ORGANISATION_TYPE, organisationSchema, planReferenceImport, readReferenceFile, REFERENCE_DB,
  type Organisation, type ReferenceFormat, type ReferenceImportReport, type Sector,
} from '../../src/shared';
import { badRequest } from '../http/errors';
import type { Json, Store } from '../store/types';

export interface ReferenceImportOptions {
  format: ReferenceFormat;
  user: string;
  /** Sector of every row of a DUO file without a sector column. */
  sector?: Sector;
  /** Not a full list: rows absent from it stay open. */
  partial?: boolean;
  now?: Date;
  /** Called after each written batch with documents written so far and in total. */
  onProgress?(done: number, total: number): void;
}

/** Documents per `_bulk_docs` write: big enough to be quick, small enough to report progress. */
export const WRITE_BATCH = 2000;

type Existing = { docs: Map<string, Organisation>; revs: Map<string, string> };

/**
 * What the last import left in the database, with the database's update sequence then. Reading
 * 10,000 documents back from the embedded store takes seconds (bench:reference), so a re-import
 * starts from this copy when nothing else has written to the database since; any other write
 * (an administrator's `_bulk_docs`, a restore) changes the sequence and the documents are read again.
 */
const lastImport = new WeakMap<Store, { seq: string; existing: Existing }>();

/** The stored reference organisations by id, with their revisions. */
async function loadExisting(store: Store): Promise<Existing> {
  const db = await store.open(REFERENCE_DB);
  const docs = new Map<string, Organisation>();
  const revs = new Map<string, string>();
  if (!db) return { docs, revs };
  const cached = lastImport.get(store);
  if (cached && cached.seq === String(await db.updateSeq())) return cached.existing;
  const all = (await db.allDocs({ include_docs: true })) as { rows: { id: string; value: { rev: string }; doc?: Json }[] };
  for (const row of all.rows) {
    const d = row.doc;
    if (!d || d.type !== ORGANISATION_TYPE) continue;
    const { _id, _rev, ...rest } = d;
    docs.set(row.id, { ...(rest as Omit<Organisation, 'id'>), id: String(_id) } as Organisation);
    revs.set(row.id, String(_rev));
  }
  return { docs, revs };
}

/**
 * Imports one reference file into the reference database: parses it, compares it with what is
 * stored (src/shared/reference/plan.ts) and writes only the differences in bulk. A file that
 * cannot be read at all is refused with a 400 before anything is written; bad rows are skipped
 * and reported with their line and reason. Regions' own organisations live in their region
 * databases and are never read or written here.
 */
export async function importReferenceFile(store: Store, bytes: Uint8Array, opts: ReferenceImportOptions): Promise<ReferenceImportReport> {
  const now = opts.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const file = readReferenceFile(bytes, opts.format, { today, ...(opts.sector ? { sector: opts.sector } : {}) });
  if ('error' in file) throw badRequest(file.error);
  const { docs, revs } = await loadExisting(store);
  const plan = planReferenceImport(file, docs, { now: now.toISOString(), user: opts.user, today, ...(opts.partial ? { partial: true } : {}) });
  // The shared schema is the judge on the server too: a record that fails it is reported, not written.
  const writes: Json[] = [];
  // Line per id once (not a scan of every record per rejected document).
  const lineOf = new Map(file.records.map((r) => [r.id, r.line]));
  for (const doc of plan.writes) {
    const check = organisationSchema.safeParse(doc);
    if (!check.success) {
      plan.report.rejected.push({ line: lineOf.get(doc.id) ?? 0, reason: `${doc.id}: ${check.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}` });
      continue;
    }
    const { id, ...rest } = doc;
    const rev = revs.get(id);
    writes.push({ _id: id, ...(rev ? { _rev: rev } : {}), ...rest });
  }
  const db = await store.open(REFERENCE_DB);
  if (!db) throw new Error('The reference database is missing.');
  opts.onProgress?.(0, writes.length);
  for (let i = 0; i < writes.length; i += WRITE_BATCH) {
    const batch = writes.slice(i, i + WRITE_BATCH);
    const results = await db.bulkDocs(batch, true);
    results.forEach((r, k) => {
      if ('error' in r) {
        plan.report.rejected.push({ line: 0, reason: `${r.id}: ${r.error} ${r.reason}` });
        return;
      }
      const { _id, _rev, ...rest } = batch[k]!;
      docs.set(r.id, { ...(rest as Omit<Organisation, 'id'>), id: r.id } as Organisation);
      revs.set(r.id, r.rev);
    });
    opts.onProgress?.(Math.min(i + WRITE_BATCH, writes.length), writes.length);
  }
  // Only a write that went wholly through leaves a trustworthy copy (a failed one: read again next time).
  if (plan.report.rejected.every((r) => r.line !== 0)) lastImport.set(store, { seq: String(await db.updateSeq()), existing: { docs, revs } });
  else lastImport.delete(store);
  plan.report.rejected.sort((a, b) => a.line - b.line);
  return plan.report;
}
