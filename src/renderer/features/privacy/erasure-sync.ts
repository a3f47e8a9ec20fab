import type { RxCollection } from 'rxdb';
import type { RegiodeskDatabase } from '../../db/database';

/**
 * Erasure on the laptop. The server purges an erased person from every region database and
 * leaves data-free deletions that replication pulls; but a laptop may also hold documents about
 * her that never reached the server, or were pulled from a region it no longer syncs. So at each
 * sync start the app asks the server which people were erased (`GET /_regiodesk/erasures`, ids
 * only), removes every local document that is one of them or about one of them, and then purges
 * the deleted documents from the storage (`cleanup(0)`), so nothing of her stays on disk, not even
 * in RxDB's deleted-document keeping.
 */
export interface ErasureList {
  erasures: { candidateId: string; at: string }[];
}

/** Ids already handled on this device, so the storage cleanup runs only when there is news. */
const HANDLED_KEY = 'regiodesk.erasures.handled';
const memory = new Set<string>();

function handled(): Set<string> {
  try {
    const raw = globalThis.localStorage?.getItem(HANDLED_KEY);
    if (raw) for (const id of JSON.parse(raw) as string[]) memory.add(id);
  } catch {
    // no localStorage (Node tests): the in-memory set is enough
  }
  return memory;
}

function remember(ids: string[]): void {
  for (const id of ids) memory.add(id);
  try {
    globalThis.localStorage?.setItem(HANDLED_KEY, JSON.stringify([...memory]));
  } catch {
    // as above
  }
}

/** Removes the documents of `collection` that are, or are about, one of `ids`; answers how many. */
export async function removeAbout(collection: RxCollection, ids: string[]): Promise<number> {
  const primary = collection.schema.primaryPath as string;
  const props = (collection.schema.jsonSchema.properties ?? {}) as Record<string, unknown>;
  const selectors: Record<string, unknown>[] = [{ [primary]: { $in: ids } }];
  if ('candidateId' in props) selectors.push({ candidateId: { $in: ids } });
  let removed = 0;
  for (const selector of selectors) {
    const docs = await collection.find({ selector }).exec();
    if (docs.length === 0) continue;
    await collection.bulkRemove(docs.map((d) => d.primary));
    removed += docs.length;
  }
  return removed;
}

/**
 * Applies the server's erasure list to the local database. Never throws: offline, it simply
 * tries again at the next sync. Answers the number of documents removed now.
 */
export async function applyErasures(db: RegiodeskDatabase, fetchFn: typeof fetch, server: string, inSync?: () => Promise<void>): Promise<number> {
  let list: ErasureList;
  try {
    const res = await fetchFn(`${server.replace(/\/+$/, '')}/_regiodesk/erasures`);
    if (!res.ok) return 0;
    list = (await res.json()) as ErasureList;
  } catch {
    return 0;
  }
  const done = handled();
  const fresh = list.erasures.map((e) => e.candidateId).filter((id) => !done.has(id));
  if (fresh.length === 0) return 0;
  let removed = 0;
  const collections = Object.values(db.collections) as RxCollection[];
  for (const c of collections) removed += await removeAbout(c, fresh);
  // Deleted documents (the ones just removed and the data-free deletions replication pulled)
  // are purged from the storage now instead of after RxDB's usual month. The purge takes every
  // deleted document, so first every deletion made on this laptop must have reached the server:
  // purged before it is pushed, a deletion would be lost and the document would come back.
  await inSync?.();
  for (const c of collections) await c.storageInstance.cleanup(0);
  remember(fresh);
  return removed;
}
