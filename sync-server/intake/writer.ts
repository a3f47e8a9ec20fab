import type { BulkResult, Json, StoreDb } from '../store/types';

interface Pending {
  doc: Json;
  resolve: (r: BulkResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: submissions that arrive while a write is under way go into the next single
 * bulk write, so a burst costs a few store writes instead of one each. Every caller's promise
 * settles only after its own document's write has completed in the store.
 */
export class GroupWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly db: StoreDb,
    private readonly maxBatch = 500,
  ) {}

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
        const results = await this.db.bulkDocs(
          batch.map((p) => p.doc),
          true,
        );
        batch.forEach((p, i) => p.resolve(results[i] ?? { id: String(p.doc._id), error: 'unknown_error', reason: 'No result.' }));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.writing = false;
  }
}
