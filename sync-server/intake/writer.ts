import type { BulkResult, Json, StoreDb } from '../store/types';
import type { IntakeJournal } from './journal';

interface Pending {
  doc: Json;
  resolve: (r: BulkResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: submissions that arrive while a write is under way go into the next single
 * bulk write, so a burst costs a few store writes instead of one each. Every caller's promise
 * settles only after its own document's write has completed in the store, and (with a journal)
 * after the batch was fsync'ed to disk: one fsync per batch, not per submission.
 */
export class GroupWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly db: StoreDb,
    private readonly maxBatch = 500,
    private readonly journal?: IntakeJournal,
  ) {}

  /** Writes what a crash may have left in the journal (at start, before serving). */
  async recover(): Promise<number> {
    if (!this.journal) return 0;
    const docs = await this.journal.pending();
    if (docs.length) {
      const results = await this.db.bulkDocs(docs, true);
      const failed = results.filter((r) => !('ok' in r) && r.error !== 'conflict');
      if (failed.length) throw new Error(`intake journal replay: ${failed.length} submissions could not be stored`);
    }
    await this.journal.clear();
    return docs.length;
  }

  write(doc: Json): Promise<BulkResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.journal?.append(batch.map((p) => p.doc));
        const results = await this.db.bulkDocs(
          batch.map((p) => p.doc),
          true,
        );
        await this.journal?.clear();
        batch.forEach((p, i) => p.resolve(results[i] ?? { id: String(p.doc._id), error: 'unknown_error', reason: 'No result.' }));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.writing = false;
  }
}
