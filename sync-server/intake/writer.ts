import type { BulkResult, Json, StoreDb } from '../store/types';
import type { IntakeJournal, JournalSegment } from './journal';

interface Pending {
  doc: Json;
  resolve: (r: BulkResult) => void;
  reject: (e: unknown) => void;
}

interface Journaled {
  batch: Pending[];
  segment?: JournalSegment;
}

/**
 * Group commit in two overlapping stages. Submissions that arrive while a batch is being
 * journaled (append + fsync) form the next batch; a journaled batch goes to the store in one
 * bulk write, and batches journaled while the store was busy go together in the next one. So
 * the fsync of one batch runs while the store writes the previous one, instead of each batch
 * waiting for the whole of the one before (the p99 of the single-stage version: a group waited
 * for another group's fsync and store write).
 * Every caller's promise settles only after its own document's write has completed in the
 * store, and (with a journal) after it was fsync'ed to the journal first.
 */
export class GroupWriter {
  private queue: Pending[] = [];
  private journaled: Journaled[] = [];
  private journaling = false;
  private storing = false;

  constructor(
    private readonly db: StoreDb,
    private readonly maxBatch = 500,
    private readonly journal?: IntakeJournal,
  ) {}

  /** Writes what a crash may have left in the journal (at start, before serving). */
  async recover(): Promise<number> {
    if (!this.journal) return 0;
    const docs = await this.journal.pending();
    for (let i = 0; i < docs.length; i += this.maxBatch) {
      const results = await this.db.bulkDocs(docs.slice(i, i + this.maxBatch), true);
      const failed = results.filter((r) => !('ok' in r) && r.error !== 'conflict');
      if (failed.length) throw new Error(`intake journal replay: ${failed.length} submissions could not be stored`);
    }
    await this.journal.clear();
    return docs.length;
  }

  write(doc: Json): Promise<BulkResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (!this.journaling && this.queue.length > 0) void this.journalNext();
    if (!this.storing && this.journaled.length > 0) void this.storeNext();
  }

  private async journalNext(): Promise<void> {
    this.journaling = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const segment = this.journal ? await this.journal.append(batch.map((p) => p.doc)) : undefined;
      this.journaled.push({ batch, ...(segment ? { segment } : {}) });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
    this.journaling = false;
    this.pump();
  }

  private async storeNext(): Promise<void> {
    this.storing = true;
    // Everything journaled while the store was busy, up to maxBatch, in one write.
    const groups: Journaled[] = [];
    let n = 0;
    while (this.journaled.length > 0 && (groups.length === 0 || n + this.journaled[0]!.batch.length <= this.maxBatch)) {
      const g = this.journaled.shift()!;
      groups.push(g);
      n += g.batch.length;
    }
    const batch = groups.flatMap((g) => g.batch);
    try {
      const results = await this.db.bulkDocs(
        batch.map((p) => p.doc),
        true,
      );
      batch.forEach((p, i) => p.resolve(results[i] ?? { id: String(p.doc._id), error: 'unknown_error', reason: 'No result.' }));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
    // Stored (or refused, and the sender told so): the journal may forget these batches.
    for (const g of groups) if (g.segment) this.journal!.done(g.segment).catch((e: unknown) => console.error('intake journal:', e));
    this.storing = false;
    this.pump();
  }
}
