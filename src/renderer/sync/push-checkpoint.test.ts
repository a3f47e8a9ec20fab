import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getChangedDocumentsSince } from 'rxdb';
import { firstValueFrom } from 'rxjs';
import { basicAuth, startTestServer, type TestServer } from '../../../sync-server/testing';
import { createDatabase, type RegiodeskDatabase } from '../db/database';
import { kindOf, pullModifierFor, pushModifierFor } from './modifiers';
import { replicationFetch } from './replication';
import { orderDownstreamWrites } from './fork-order';

/**
 * After an initial sync, RxDB's push (upstream) checkpoint covers every document the pull wrote,
 * so the next start's upstream does not read the region back from the local store (fork-order.ts).
 * A local edit made while the initial sync runs is still pushed.
 */
const SIZE = 3000;
let server: TestServer;
let db: RegiodeskDatabase;
const auth = basicAuth('anna', 'regiodesk');

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: SIZE, maxLongpollMs: 500 });
  db = await createDatabase('test_pushcp_' + Date.now(), { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: false, multiInstance: false });
}, 120_000);
afterAll(async () => {
  await db?.remove();
  await server?.close();
});

/** The candidates' replication of Twente as startSync sets it up (pull pages of 200: several writes). */
function start(): RxCouchDBReplicationState<any> {
  const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', auth);
    return fetch(input, { ...init, headers });
  }) as typeof fetch;
  const filter = { type: 'candidate', knownIds: async () => new Set<string>() };
  const kind = kindOf('candidate')!;
  orderDownstreamWrites(db.candidates);
  return replicateCouchDB<any>({
    replicationIdentifier: 'pushcp-test',
    collection: db.candidates,
    url: `${server.url}/region-twente/`,
    live: true,
    waitForLeadership: false,
    retryTime: 100,
    fetch: replicationFetch(base, filter, {}),
    pull: { batchSize: 200, modifier: pullModifierFor('twente', kind) as any },
    push: { batchSize: 2000, modifier: pushModifierFor('twente', ['twente'], kind) as any },
  });
}

const internal = (state: RxCouchDBReplicationState<any>) => (state as any).internalReplicationState;

/** Documents of the local store after the push's (upstream's) checkpoint: what its next initial pass reads. */
async function afterUpCheckpoint(state: RxCouchDBReplicationState<any>): Promise<{ ids: string[]; checkpoint: unknown }> {
  const checkpoint = internal(state)?.lastCheckpointDoc?.up?.checkpointData;
  const left = await getChangedDocumentsSince(internal(state).input.forkInstance, 1_000_000, checkpoint);
  return { ids: left.documents.map((d: any) => String(d.id)), checkpoint };
}

async function settle(state: RxCouchDBReplicationState<any>): Promise<void> {
  await state.awaitInitialReplication();
  await state.awaitInSync();
  // The up-checkpoint of the pull's last write is stored through RxDB's checkpoint queue.
  await new Promise((r) => setTimeout(r, 500));
  await state.awaitInSync();
}

describe('push checkpoint after an initial sync', () => {
  it('covers every pulled document, and an edit made during the sync is pushed', async () => {
    const state = start();
    // A local edit while the initial sync is still running (after its first written batch).
    const edited = firstValueFrom(state.received$).then(async (doc: any) => {
      const mine = await db.candidates.findOne(String(doc.id)).exec();
      await mine!.incrementalPatch({ place: 'Tijdens-sync', updatedAt: new Date().toISOString() });
      return { id: String(doc.id), localCount: await db.candidates.count().exec() };
    });
    await settle(state);
    const edit = await edited;
    const total = await db.candidates.count().exec();
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(edit.localCount).toBeLessThan(total); // the edit was made during the initial sync

    const { ids, checkpoint } = await afterUpCheckpoint(state);
    console.log(`pushcp: ${total} pulled; after the push checkpoint ${JSON.stringify(checkpoint)}: ${ids.length}`);
    expect(ids).toEqual([]);

    // The edit reached the server.
    const res = await fetch(`${server.url}/region-twente/${encodeURIComponent(edit.id)}`, { headers: { authorization: auth } });
    expect(res.ok).toBe(true);
    expect(((await res.json()) as { place?: string }).place).toBe('Tijdens-sync');
    await state.cancel();

    // A restart: its upstream's initial pass reads no pulled document back.
    const instance = db.candidates.storageInstance as any;
    const query = instance.query.bind(instance);
    let readBack = 0;
    instance.query = async (prepared: any) => {
      const out = await query(prepared);
      if (JSON.stringify(prepared.query.selector).includes('_meta.lwt')) readBack += out.documents.length;
      return out;
    };
    try {
      const again = start();
      await settle(again);
      console.log(`pushcp: restart's upstream read ${readBack} documents back`);
      expect(readBack).toBe(0);
      await again.cancel();
    } finally {
      instance.query = query;
    }
  }, 180_000);
});
