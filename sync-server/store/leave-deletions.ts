import type { StoreDb } from './types';

/**
 * After a purge the embedded store leaves a data-free deletion that laptops pull; a store whose
 * `_purge` makes documents vanish (CouchDB) gets one written here, so laptops learn of it all the
 * same (the fan-out's unlinking, a person's erasure).
 */
export async function leaveDeletions(db: StoreDb, ids: string[]): Promise<void> {
  const rows = ((await db.allDocs({ keys: ids })) as { rows: { key: string; value?: unknown }[] }).rows;
  const gone = rows.filter((r) => !r.value).map((r) => ({ _id: r.key, _deleted: true, purged: true }));
  if (gone.length) await db.bulkDocs(gone, true);
}
