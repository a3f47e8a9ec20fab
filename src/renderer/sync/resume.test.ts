import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { basicAuth, startTestServer, type TestServer } from '../../../sync-server/testing';
import { createDatabase, type RegiodeskDatabase } from '../db/database';
import { kindOf, pullModifierFor } from './modifiers';
import { replicationFetch } from './replication';

/**
 * An interrupted initial sync of a region resumes from its last checkpoint: the second run asks
 * `_changes` from where the first stopped and fetches only what is left, not the region again.
 */
const SIZE = 240;
const BATCH = 20;
let server: TestServer;
let db: RegiodeskDatabase;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: SIZE, maxLongpollMs: 500 });
  db = await createDatabase('test_resume_' + Date.now(), { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: false, multiInstance: false });
});
afterAll(async () => {
  await db?.remove();
  await server?.close();
});

function run(stopAfter: number | null) {
  const urls: string[] = [];
  let received = 0;
  let cut = false;
  const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
    // The interruption: the network goes and the app is closed.
    if (cut) throw new TypeError('Failed to fetch');
    const headers = new Headers(init?.headers);
    headers.set('authorization', basicAuth('anna', 'regiodesk'));
    urls.push(String(input));
    return fetch(input, { ...init, headers });
  }) as typeof fetch;
  const filter = { type: 'candidate', knownIds: async () => new Set<string>() };
  const state = replicateCouchDB<any>({
    replicationIdentifier: 'resume-test',
    collection: db.candidates,
    url: `${server.url}/region-twente/`,
    live: true,
    waitForLeadership: false,
    retryTime: 100,
    fetch: replicationFetch(base, filter, {
      onReceived: (docs) => {
        received += docs.length;
        if (stopAfter !== null && received >= stopAfter) cut = true;
      },
    }),
    pull: { batchSize: BATCH, modifier: pullModifierFor('twente', kindOf('candidate')!) as any },
  });
  return { state, urls, received: () => received, interrupted: () => cut };
}

describe('resumable initial sync', () => {
  it('continues from the last checkpoint after an interruption', async () => {
    const first = run(100);
    for (let i = 0; i < 300 && !first.interrupted(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(first.interrupted()).toBe(true);
    // The network is gone; the app stays open until RxDB has stored what it received with its
    // checkpoint (catching up, one batch is 5 pages, catch-up.ts), then it is closed.
    const stored = () => (first.state as any).internalReplicationState?.lastCheckpointDoc?.down;
    for (let i = 0; i < 600 && !stored(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(stored()).toBeTruthy();
    await first.state.cancel();

    await new Promise((r) => setTimeout(r, 200));
    const afterFirst = await db.candidates.count().exec();
    expect(afterFirst).toBeGreaterThanOrEqual(BATCH);
    expect(afterFirst).toBeLessThan(SIZE);

    const second = run(null);
    await second.state.awaitInitialReplication();

    const total = await db.candidates.count().exec();
    expect(total).toBe(SIZE);
    const firstChanges = second.urls.find((u) => u.includes('/_changes') && u.includes('feed=normal'))!;
    expect(Number(new URL(firstChanges).searchParams.get('since'))).toBeGreaterThanOrEqual(BATCH);
    // Not from zero: the second run skips everything up to the last saved checkpoint (RxDB saves
    // one per batch, a little behind the documents already written, which arrive again unchanged).
    expect(second.received()).toBeLessThanOrEqual(SIZE - BATCH);
    expect(second.received() + first.received()).toBeGreaterThanOrEqual(SIZE);
    await second.state.cancel();
  }, 60_000);
});
