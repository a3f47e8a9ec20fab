import type { Candidate, Note } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/**
 * One import is one batch. Which documents it created is kept beside the data, in a local
 * document of the database (it never replicates and needs no field on the candidate), so the
 * batch can be undone later: exactly its documents are removed, nothing else.
 */
export interface ImportBatch {
  id: string;
  fileName: string;
  at: string;
  user: string;
  region: string;
  /** `writing` until the last chunk is in: a batch left `writing` (tab closed) can still be undone. */
  status: 'writing' | 'done' | 'undone';
  candidateIds: string[];
  noteIds: string[];
  counts: { created: number; duplicatesImported: number; duplicatesSkipped: number; rejected: number };
}

const INDEX = 'import-batches';
const keyOf = (id: string) => `import-batch-${id}`;

export async function listBatches(db: RegiodeskDatabase): Promise<ImportBatch[]> {
  const index = await db.getLocal<{ ids: string[] }>(INDEX);
  const ids = index?.get('ids') ?? [];
  const out: ImportBatch[] = [];
  for (const id of [...ids].reverse()) {
    const doc = await db.getLocal<ImportBatch>(keyOf(id));
    if (doc) out.push(doc.toJSON().data as ImportBatch);
  }
  return out;
}

async function saveBatch(db: RegiodeskDatabase, batch: ImportBatch): Promise<void> {
  await db.upsertLocal<ImportBatch>(keyOf(batch.id), batch);
  const index = await db.getLocal<{ ids: string[] }>(INDEX);
  const ids = index?.get('ids') ?? [];
  if (!ids.includes(batch.id)) await db.upsertLocal(INDEX, { ids: [...ids, batch.id] });
}

export interface WriteOptions {
  batchId: string;
  fileName: string;
  user: string;
  region: string;
  now: string;
  counts: Omit<ImportBatch['counts'], 'created'>;
  /** Documents per bulk write; between chunks the UI gets the main thread back. */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Work on a chunk ahead of its write, off the UI thread (the wizard has the import worker seal
   * its documents): asked for the next chunks while one is written, awaited before that chunk's
   * write. A failure only costs speed: the chunk is then written (and sealed) as usual.
   */
  prepare?: (chunk: readonly { candidate: Candidate; notes: readonly Note[] }[]) => Promise<void>;
}

/** Chunks prepared ahead of the one being written: enough to keep the worker busy while the page writes. */
const PREPARE_AHEAD = 3;

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Ids this call has written so far: on a failure exactly these are removed again, nothing that was there before. */
interface Written {
  candidateIds: string[];
  noteIds: string[];
}

/**
 * One chunk: its candidates and their notes, the two collections written side by side. What each
 * collection took in is recorded before a failure is thrown, so the rollback can remove it.
 */
async function writeChunk(db: RegiodeskDatabase, chunk: readonly { candidate: Candidate; notes: readonly Note[] }[], written: Written): Promise<void> {
  const notes = chunk.flatMap((x) => x.notes);
  const [res, nres] = await Promise.all([
    db.candidates.bulkInsert(chunk.map((x) => x.candidate)),
    notes.length ? db.notes.bulkInsert(notes as Note[]) : null,
  ]);
  // What was written is every id asked for minus the refused ones. Not `res.success`: that getter
  // makes an RxDocument (and a document-cache entry) per written document, 60,000 objects for a
  // 50,000-row import that nobody reads.
  const refused = (r: { error: readonly { documentId: string }[] }) => new Set(r.error.map((e) => e.documentId));
  const badCandidates = refused(res);
  for (const x of chunk) if (!badCandidates.has(x.candidate.id)) written.candidateIds.push(x.candidate.id);
  if (nres) {
    const badNotes = refused(nres);
    for (const n of notes) if (!badNotes.has(n.id)) written.noteIds.push(n.id);
  }
  if (res.error.length > 0) throw new Error(`candidate ${res.error[0]!.documentId}: ${res.error[0]!.status}`);
  if (nres && nres.error.length > 0) throw new Error(`note ${nres.error[0]!.documentId}: ${nres.error[0]!.status}`);
}

/**
 * Writes the planned candidates and their notes in chunks (bulkInsert), recording the batch first
 * so that even an interrupted import can be undone. Two chunks are in flight at once: while
 * IndexedDB commits one, the page prepares the next (half the write was the main thread waiting).
 * If a chunk fails, what this call wrote is removed again and the error is thrown: no partial import
 * (and a document that was there before, e.g. under an id taken already, stays).
 *
 * Chunks of 250: a chunk's documents are sealed, stamped and converted in one go on the main
 * thread, so the chunk size is the longest freeze of the UI; 1,000 froze it for over a second under
 * load (bench:import), with no gain in documents per second.
 */
export async function writeBatch(db: RegiodeskDatabase, items: readonly { candidate: Candidate; notes: readonly Note[] }[], opts: WriteOptions): Promise<ImportBatch> {
  const chunkSize = opts.chunkSize ?? 250;
  const batch: ImportBatch = {
    id: opts.batchId,
    fileName: opts.fileName,
    at: opts.now,
    user: opts.user,
    region: opts.region,
    status: 'writing',
    candidateIds: items.map((i) => i.candidate.id),
    noteIds: items.flatMap((i) => i.notes.map((n) => n.id)),
    counts: { created: items.length, ...opts.counts },
  };
  await saveBatch(db, batch);
  const written: Written = { candidateIds: [], noteIds: [] };
  const pending: { write: Promise<void>; end: number }[] = [];
  // Chunks finish in order of starting here, so progress only goes up.
  const settleOldest = async () => {
    const { write, end } = pending[0]!;
    await write;
    pending.shift();
    opts.onProgress?.(end, items.length);
  };
  const prepared = new Map<number, Promise<void>>();
  const prepare = (start: number) => {
    if (!opts.prepare || start >= items.length || prepared.has(start)) return;
    prepared.set(start, opts.prepare(items.slice(start, start + chunkSize)).catch(() => undefined));
  };
  try {
    for (let i = 0; i < items.length; i += chunkSize) {
      const end = Math.min(i + chunkSize, items.length);
      for (let k = 0; k <= PREPARE_AHEAD; k++) prepare(i + k * chunkSize);
      await prepared.get(i);
      prepared.delete(i);
      const write = writeChunk(db, items.slice(i, end), written);
      // A rejection is handled when its turn comes (or in the rollback below), never unhandled.
      write.catch(() => undefined);
      pending.push({ write, end });
      if (pending.length >= 2) await settleOldest();
      await yieldToUi();
    }
    while (pending.length) await settleOldest();
  } catch (e) {
    // Let the chunk still in flight settle before removing, so nothing lands after the rollback.
    await Promise.allSettled(pending.map((p) => p.write));
    await removeDocuments(db, { ...batch, ...written });
    await saveBatch(db, { ...batch, ...written, status: 'undone' });
    throw e;
  }
  const done = { ...batch, status: 'done' as const };
  await saveBatch(db, done);
  return done;
}

/** Collections whose documents hang off a candidate: what was added to an imported candidate after the import. */
const CHILD_COLLECTIONS = ['notes', 'tasks', 'contacts', 'registrations', 'referrals'] as const;

async function removeDocuments(db: RegiodeskDatabase, batch: ImportBatch, onProgress?: (done: number, total: number) => void): Promise<void> {
  const chunk = 1000;
  for (let i = 0; i < batch.noteIds.length; i += chunk) await db.notes.bulkRemove(batch.noteIds.slice(i, i + chunk));
  // A note or task written on an imported candidate since would be left without its candidate: it goes too.
  for (let i = 0; i < batch.candidateIds.length; i += chunk) {
    const ids = batch.candidateIds.slice(i, i + chunk);
    for (const name of CHILD_COLLECTIONS) {
      const collection = db.collections[name] as unknown as { find: (q: object) => { remove: () => Promise<unknown> } };
      await collection.find({ selector: { candidateId: { $in: ids } } }).remove();
    }
  }
  for (let i = 0; i < batch.candidateIds.length; i += chunk) {
    await db.candidates.bulkRemove(batch.candidateIds.slice(i, i + chunk));
    onProgress?.(Math.min(i + chunk, batch.candidateIds.length), batch.candidateIds.length);
    await yieldToUi();
  }
}

/** Undoes a batch: removes exactly the candidates and notes it created (deletions replicate like edits). */
export async function undoBatch(db: RegiodeskDatabase, batchId: string, onProgress?: (done: number, total: number) => void): Promise<ImportBatch> {
  const doc = await db.getLocal<ImportBatch>(keyOf(batchId));
  if (!doc) throw new Error(`unknown import batch ${batchId}`);
  const batch = doc.toJSON().data as ImportBatch;
  await removeDocuments(db, batch, onProgress);
  const undone = { ...batch, status: 'undone' as const };
  await saveBatch(db, undone);
  return undone;
}
