import type { Store, StoreDb } from '../store/types';

/**
 * Internal database of the privacy functions: erasure markers (`erased:<candidateId>`, ids and
 * regions only), retention periods (`retention:<region>`) and extensions
 * (`extension:<candidateId>:<region>`, purged with the person). No client route reaches it.
 */
export const PRIVACY_DB = '_regiodesk_privacy';

export async function openPrivacyDb(store: Store): Promise<StoreDb> {
  await store.create(PRIVACY_DB);
  const db = await store.open(PRIVACY_DB);
  if (!db) throw new Error('privacy database missing');
  return db;
}

/** Reads a document or null. */
export async function getOrNull<T>(db: StoreDb, id: string): Promise<(T & { _rev: string }) | null> {
  try {
    return (await db.get(id)) as T & { _rev: string };
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

/** Writes `body` as the new version of `id` (retrying on a concurrent write). */
export async function putDoc(db: StoreDb, id: string, body: Record<string, unknown>): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const cur = await getOrNull<object>(db, id);
    const [r] = await db.bulkDocs([{ ...body, _id: id, ...(cur ? { _rev: cur._rev } : {}) }], true);
    if (r && 'ok' in r) return;
  }
  throw new Error(`could not save ${id}`);
}
