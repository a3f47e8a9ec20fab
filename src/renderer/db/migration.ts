import { getRxReplicationMetaInstanceSchema, hasEncryption, type RxCollection, type RxCollectionCreator, type RxJsonSchema } from 'rxdb';
import { getOldCollectionMeta, type RxMigrationState } from 'rxdb/plugins/migration-schema';

/**
 * Documents copied per step of a schema migration. RxDB's auto-migration (and
 * `migratePromise()` without an argument) copies 10 at a time; each step is a push of the
 * migration's replication from the old storage into the new one, with its own IndexedDB
 * transactions, meta rows and status write, so the step count, not the documents, set the time:
 * 26 ms a candidate in Chromium. Chosen with `tsx bench/indexes-upgrade.ts` (README,
 * "The price: the first start after the upgrade").
 */
export const MIGRATION_BATCH_SIZE = 1000;

/** The creators with RxDB's auto-migration off: `migrateCollections` runs it with a large batch. */
export function withoutAutoMigration<T extends Record<string, RxCollectionCreator>>(creators: T): T {
  return Object.fromEntries(Object.entries(creators).map(([name, c]) => [name, { ...c, autoMigrate: false }])) as T;
}

/**
 * Migrates every collection that still holds documents of an older schema version, all at once
 * (they are separate IndexedDB stores), and resolves when all are done. Until then RxDB refuses
 * writes to them, and nothing may read them: call it before the database is handed to the app.
 *
 * Several tabs: RxDB elects one leader per collection migration (a BroadcastChannel per
 * collection and version); the others wait until the status document says DONE, so a second
 * tab neither migrates twice nor reads a half-copied collection. Throws when the migration
 * failed; the old storage is then kept and the next start retries.
 */
export async function migrateCollections(db: { collections: object }, batchSize = MIGRATION_BATCH_SIZE): Promise<void> {
  const collections = Object.values(db.collections) as RxCollection[];
  await Promise.all(collections.map((c) => (c.schema.version === 0 ? undefined : migrateOne(c, batchSize))));
}

async function migrateOne(collection: RxCollection, batchSize: number): Promise<void> {
  const state = collection.getMigrationState();
  // This tab's part: the copy when it leads, else the wait until the leader is done (or stalled,
  // then this tab takes over). RxDB allows writes again only after it.
  await state.startMigration(batchSize);
  if (!(await state.mustMigrate)) return;
  // The outcome, read afresh from the status document all tabs share. Not `migratePromise()`:
  // its status stream starts from a read made when the collection opened, so a tab that
  // subscribes after the leader's last write waits forever for a DONE it already missed.
  const [status] = await collection.database.internalStore.findDocumentsById([state.statusDocId], false);
  const outcome = (status?.data as { status?: string; error?: unknown } | undefined) ?? {};
  if (outcome.status === 'DONE') return;
  await forgetCopyProgress(collection, state);
  throw new Error(`migration of ${collection.name} ended ${outcome.status ?? 'without a status'}: ${JSON.stringify(outcome.error ?? null)}`);
}

/**
 * After a failed copy: removes the migration's own bookkeeping (a store per copied storage), so
 * the next start copies from the first document again. RxDB would resume from its checkpoint,
 * and that checkpoint moves past a step that failed while the later steps succeed: those
 * documents would never be copied, and the old storage is removed once the copy is done (the
 * failure test lost 10 of 30 that way). Copying again is safe: what the new storage already
 * holds stays as it is (RxDB ignores those conflicts on purpose).
 */
async function forgetCopyProgress(collection: RxCollection, state: RxMigrationState): Promise<void> {
  const meta = await getOldCollectionMeta(state);
  if (!meta) return;
  const db = collection.database;
  const copied = [{ collectionName: collection.name, schema: meta.data.schema }, ...meta.data.connectedStorages];
  for (const { collectionName, schema } of copied) {
    const bookkeeping = await db.storage.createStorageInstance({
      databaseInstanceToken: db.token,
      databaseName: db.name,
      // The name RxDB's migration gives it (plugins/migration-schema, migrateStorage).
      collectionName: `rx-migration-state-meta-${collectionName}-${schema.version}`,
      schema: getRxReplicationMetaInstanceSchema(schema as RxJsonSchema<any>, hasEncryption(schema)),
      options: {},
      multiInstance: db.multiInstance,
      password: db.password,
      devMode: false,
    });
    await bookkeeping.remove();
  }
}
