import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { newCandidate, type Candidate } from '../../shared';
import { COLLECTIONS } from './collections';
import { newDataKey } from './cipher';
import { wrappedEncryptedStorage } from './encryption';
import { migrateCollections, withoutAutoMigration } from './migration';
import { legacyCollection, LEGACY_INDEXES } from './schema-history';

/**
 * Two tabs of the app open the same local database right after the upgrade. RxDB lets one of them
 * (the leader) copy each collection; the other must wait for it: not copy a second time, and not
 * read the collection while it is half copied. The app's migration runs with autoMigrate off and
 * a large batch (migration.ts), so this checks that RxDB's leader election still guards it.
 * "Tabs" here are two RxDB instances on the same fake-indexeddb with multiInstance on (they talk
 * over a BroadcastChannel, as tabs do).
 */
disableWarnings();
addRxPlugin(RxDBDevModePlugin); // two instances of one name in one process need ignoreDuplicate
addRxPlugin(RxDBMigrationSchemaPlugin);

const N = 60;
const open: RxDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

/** Dexie on fake-indexeddb, counting the rows written into the candidates' new schema version. */
function countingStorage(written: { rows: number }): RxStorage<any, any> {
  const dexie = getRxStorageDexie({ indexedDB, IDBKeyRange });
  return {
    ...dexie,
    name: dexie.name,
    rxdbVersion: dexie.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await dexie.createStorageInstance(params);
      if (params.collectionName !== 'candidates' || params.schema.version === LEGACY_INDEXES.candidates.version) return instance;
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        written.rows += rows.length;
        return bulkWrite(rows, context);
      };
      return instance;
    },
  };
}

const appStorage = (key: Uint8Array, written = { rows: 0 }) => wrappedValidateAjvStorage({ storage: wrappedEncryptedStorage({ storage: countingStorage(written), key }) });

function candidates(): Candidate[] {
  return Array.from({ length: N }, (_, i) =>
    newCandidate(
      { firstName: `Voor${i}`, lastName: `Achter${i}`, email: `t${i}@example.nl`, regions: ['twente'], ownerRegion: 'twente', sectors: ['po'] },
      { id: `tab${String(i).padStart(3, '0')}`, user: 'anna', now: '2026-11-25T10:00:00.000Z' },
    ),
  );
}

/** A tab of the new app: the collections opened as createDatabase opens them, nothing migrated yet. */
async function tab(name: string, key: Uint8Array, written: { rows: number }): Promise<RxDatabase> {
  const db = await createRxDatabase({ name, storage: appStorage(key, written), multiInstance: true, ignoreDuplicate: true, localDocuments: true });
  open.push(db);
  await db.addCollections(withoutAutoMigration({ candidates: COLLECTIONS.candidates }));
  return db;
}

describe('the upgrade with two tabs open', () => {
  it('is copied once, by one tab; the other waits and then finds every document', async () => {
    const name = `idxtabs${Date.now()}`;
    const key = newDataKey();
    const old = await createRxDatabase({ name, storage: appStorage(key), multiInstance: false, localDocuments: true });
    await old.addCollections({ candidates: legacyCollection('candidates') });
    await old.candidates!.bulkInsert(candidates());
    await old.close();

    const written = { rows: 0 };
    const first = await tab(name, key, written);
    // Small steps, so the second tab arrives while the first is still copying.
    const firstDone = migrateCollections(first, 5);
    const state = first.candidates!.getMigrationState();
    await new Promise<void>((resolve) => {
      const sub = state.$.subscribe((s) => {
        if (s.count.handled > 0 && s.count.handled < s.count.total) {
          queueMicrotask(() => sub.unsubscribe());
          resolve();
        }
      });
    });
    const second = await tab(name, key, written);
    const secondDone = migrateCollections(second, 5).then(() => second.candidates!.count().exec());

    // The second tab answers only once the copy is whole.
    expect(await secondDone).toBe(N);
    await firstDone;
    expect(await first.candidates!.count().exec()).toBe(N);
    expect(written.rows).toBe(N);
    const [status] = await second.internalStore.findDocumentsById([state.statusDocId], false);
    expect(status?.data).toMatchObject({ status: 'DONE' });
    // Both can write again, and read what was there before the upgrade.
    await second.candidates!.insert(newCandidate(
      { firstName: 'Na', lastName: 'Upgrade', email: 'na@example.nl', regions: ['twente'], ownerRegion: 'twente', sectors: ['po'] },
      { id: 'tab-after', user: 'anna', now: '2026-11-26T10:00:00.000Z' },
    ));
    expect((await first.candidates!.findOne('tab007').exec())?.lastName).toBe('Achter7');
  });
});
