import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollectionCreator, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { newCandidate } from '../../shared';
import { COLLECTIONS } from './collections';
import { newDataKey } from './cipher';
import { createDatabase } from './database';
import { wrappedEncryptedStorage } from './encryption';
import { migrateCollections, withoutAutoMigration } from './migration';
import { legacyCollection } from './schema-history';

/**
 * The app runs the schema migration itself (migration.ts, autoMigrate off). When it fails, the
 * start must fail with it (not open a half-copied collection), and the old version's data must
 * still be there for the next start, which then completes the copy.
 */
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const appStorage = (key: Uint8Array) => wrappedValidateAjvStorage({ storage: wrappedEncryptedStorage({ storage: storage(), key }) });
const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

const ids = Array.from({ length: 30 }, (_, i) => `fail${String(i).padStart(3, '0')}`);

describe('a schema migration that fails', () => {
  it('fails the start, keeps the old data, and the next start migrates everything', async () => {
    const name = `idxfail${Date.now()}`;
    const key = newDataKey();
    const old = await createRxDatabase({ name, storage: appStorage(key), multiInstance: false, localDocuments: true });
    await old.addCollections({ candidates: legacyCollection('candidates') });
    await old.candidates!.bulkInsert(ids.map((id, i) => newCandidate(
      { firstName: `Voor${i}`, lastName: `Achter${i}`, email: `f${i}@example.nl`, regions: ['twente'], ownerRegion: 'twente', sectors: ['po'] },
      { id, user: 'anna', now: '2026-11-25T10:00:00.000Z' },
    )));
    await old.close();

    // A strategy that breaks on one document, in steps of 10 so some are copied before it.
    const today = COLLECTIONS.candidates;
    const version = (today.schema as { version: number }).version;
    const breaking: RxCollectionCreator = {
      ...today,
      migrationStrategies: {
        ...today.migrationStrategies,
        [version]: (doc: { id: string }) => {
          if (doc.id === 'fail017') throw new Error('strategy broke');
          return today.migrationStrategies![version]!(doc, undefined as never);
        },
      },
    };
    const failing = await createRxDatabase({ name, storage: appStorage(key), multiInstance: false, localDocuments: true });
    open.push(failing);
    await failing.addCollections(withoutAutoMigration({ candidates: breaking }));
    await expect(migrateCollections(failing, 10)).rejects.toThrow(/migration of candidates ended ERROR/);
    await failing.close();

    // The next start (the app's own path) copies what is left; nothing lost, nothing twice.
    const db = await createDatabase(name, { storage: storage(), multiInstance: false, key });
    open.push(db);
    expect(db.candidates.schema.version).toBe(version);
    const found = await db.candidates.find().exec();
    expect(found.map((d) => d.id).sort()).toEqual(ids);
    expect(found.find((d) => d.id === 'fail017')?.lastName).toBe('Achter17');
  });
});
