import type { RxCollection } from 'rxdb';

/**
 * The push's checkpoint must move past what the pull wrote.
 *
 * RxDB stamps every row of one `bulkWrite` with the same `_meta.lwt`, and the write's change
 * event carries the checkpoint `{ id, lwt }` of its last row. RxDB's upstream (push) stores that
 * checkpoint after a pull's write (upstream.js `rememberCheckpointBeforeReturn`), and reads
 * changed documents back in `(_meta.lwt, id)` order. A pull's rows come in the server's `_changes`
 * order (random ids), so the last row's id sits somewhere inside the write: every pulled document
 * of that write with a greater id stayed "changed since the push's checkpoint" (an initial sync of
 * 3,000: 267 of them; push-checkpoint.test.ts), and the next start's upstream read them all back
 * and compared each with its assumed master state.
 *
 * Handing the rows of the pull's writes (context `replication-downstream-…`) to the storage in
 * id order makes the last row the greatest id of its lwt, so the checkpoint covers the whole
 * write. Nothing else depends on the order of rows within one write. Local edits are not touched.
 */
const ordered = new WeakSet<object>();

export const DOWNSTREAM_CONTEXT_PREFIX = 'replication-downstream-';

export function orderDownstreamWrites(collection: RxCollection): void {
  const instance = collection.storageInstance as unknown as {
    bulkWrite(rows: { document: Record<string, unknown> }[], context: string): Promise<unknown>;
  };
  if (ordered.has(instance)) return;
  ordered.add(instance);
  const primary = collection.schema.primaryPath as string;
  const write = instance.bulkWrite.bind(instance);
  instance.bulkWrite = (rows, context) => {
    if (rows.length < 2 || typeof context !== 'string' || !context.startsWith(DOWNSTREAM_CONTEXT_PREFIX)) return write(rows, context);
    // A primary key is a string (RxDB's schema rule): compared as it is, no conversion per comparison.
    const id = (r: { document: Record<string, unknown> }) => r.document[primary] as string;
    const sorted = [...rows].sort((a, b) => {
      const x = id(a);
      const y = id(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return write(sorted, context);
  };
}
