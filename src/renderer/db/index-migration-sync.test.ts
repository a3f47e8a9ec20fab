import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { basicAuth, startTestServer, type TestServer } from '../../../sync-server/testing';
import { newCandidate } from '../../shared';
import { kindOf, pullModifierFor, pushModifierFor } from '../sync/modifiers';
import { replicationFetch } from '../sync/replication';
import { newDataKey } from './cipher';
import { createDatabase } from './database';
import { wrappedEncryptedStorage } from './encryption';
import { legacyCollection } from './schema-history';

/**
 * The index change's upgrade copies every local document into the new schema version, with the
 * replication's own bookkeeping. What an advisor changed offline before the upgrade must still
 * reach the server after it (nothing typed is lost), and the upgrade must not look like a change
 * of every document (no mass re-push, no conflicts).
 */
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const auth = basicAuth('anna', 'regiodesk');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 30, maxLongpollMs: 300 });
});
afterAll(async () => {
  await server?.close();
});

/** The app's candidate replication with twente (modifiers, filtered fetch), one-off. */
async function syncOnce(collection: RxCollection, pushed: string[]): Promise<void> {
  const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', auth);
    if (String(input).includes('_bulk_docs') && typeof init?.body === 'string') {
      for (const d of (JSON.parse(init.body) as { docs: { _id: string }[] }).docs) pushed.push(d._id);
    }
    return fetch(input, { ...init, headers });
  }) as typeof fetch;
  const filter = {
    type: 'candidate',
    knownIds: async (ids: string[]) => new Set((await collection.findByIds(ids).exec()).keys()),
  };
  const kind = kindOf('candidate')!;
  const state = replicateCouchDB<any>({
    replicationIdentifier: 'upgrade-sync-test',
    collection,
    url: `${server.url}/region-twente/`,
    live: false,
    waitForLeadership: false,
    retryTime: 100,
    fetch: replicationFetch(base, filter),
    pull: { batchSize: 100, modifier: pullModifierFor('twente', kind) as any },
    push: { batchSize: 100, modifier: pushModifierFor('twente', ['twente'], kind) as any },
  });
  const errors: unknown[] = [];
  state.error$.subscribe((e) => errors.push(e));
  await state.awaitInitialReplication();
  await state.cancel();
  expect(errors).toEqual([]);
}

async function serverDoc(id: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/region-twente/${encodeURIComponent(id)}`, { headers: { authorization: auth } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('upgrade to the smaller index sets, with unsynced work', () => {
  it('pushes what was changed offline before the upgrade, and re-pushes nothing else', async () => {
    const name = `idxsync${Date.now()}`;
    const key = newDataKey();

    // The previous app: synced with the region, then edits made offline, then closed.
    const old: RxDatabase = await createRxDatabase({
      name,
      storage: wrappedValidateAjvStorage({ storage: wrappedEncryptedStorage({ storage: storage(), key }) }),
      multiInstance: false,
      localDocuments: true,
    });
    await old.addCollections({ candidates: legacyCollection('candidates') });
    await syncOnce(old.candidates!, []);
    const local = await old.candidates!.find().exec();
    expect(local.length).toBeGreaterThan(0);
    const edited = local[0]!;
    await edited.incrementalPatch({ lastName: 'Offline-Bewerkt', updatedAt: new Date().toISOString() });
    const added = newCandidate(
      { firstName: 'Nieuw', lastName: 'Voor-De-Upgrade', email: 'upgrade@example.nl', regions: ['twente'], ownerRegion: 'twente', sectors: ['po'] },
      { id: `upgrade${Date.now()}`, user: 'anna', now: new Date().toISOString() },
    );
    await old.candidates!.insert(added);
    const count = await old.candidates!.count().exec();
    await old.close();

    // The new app: the upgrade runs while the database opens, then the next sync.
    const db = await createDatabase(name, { storage: storage(), multiInstance: false, key });
    expect(await db.candidates.count().exec()).toBe(count);
    const pushed: string[] = [];
    await syncOnce(db.candidates, pushed);

    expect(await serverDoc(edited.primary)).toMatchObject({ lastName: 'Offline-Bewerkt' });
    expect(await serverDoc(added.id)).toMatchObject({ lastName: 'Voor-De-Upgrade' });
    // Only the two changes went up: the copy into the new version is not a change of every document.
    expect(pushed.sort()).toEqual([edited.primary, added.id].sort());
    expect((await db.candidates.findOne(edited.primary).exec())?.lastName).toBe('Offline-Bewerkt');
    await db.close();
  });
});
