import type { RxCollection } from 'rxdb';
import { DOCUMENT_KINDS, REFERENCE_REGION } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

type KindName = keyof typeof DOCUMENT_KINDS;

/**
 * A user removed from a region loses that region's data on this laptop: every local document
 * none of whose regions (the kind's `regionsOf`, as the server uses it) the user still has is
 * removed, and deleted documents are purged from the storage at once (`cleanup(0)`), so the data
 * do not linger in RxDB's deleted-document keeping. Those documents are not pushed anywhere: no
 * replication runs for a region the user left, and a document shared with a region she keeps
 * stays. Local-only collections (saved views) are left alone. Answers how many were removed.
 */
export async function pruneForeignRegions(db: RegiodeskDatabase, allowedRegions: readonly string[]): Promise<number> {
  // Reference data (region `reference`, features/network) belongs to every user: never pruned.
  const allowed = new Set([...allowedRegions, REFERENCE_REGION]);
  let removed = 0;
  for (const collection of Object.values(db.collections) as RxCollection[]) {
    const kind = DOCUMENT_KINDS[collection.schema.jsonSchema.title as KindName] as
      | { regionsOf: (doc: never) => string[] }
      | undefined;
    if (!kind) continue;
    const docs = await collection.find().exec();
    const foreign = docs
      .filter((d) => !kind.regionsOf(d.toJSON() as never).some((r) => allowed.has(r)))
      .map((d) => d.primary as string);
    if (foreign.length === 0) continue;
    await collection.bulkRemove(foreign);
    await collection.storageInstance.cleanup(0);
    removed += foreign.length;
  }
  return removed;
}
