// @vitest-environment node
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, type TestServer } from '../../../../sync-server/testing';
import { consentStatus, giveConsent, newCandidate, type Candidate } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { requestErasure, withdrawAndRequestErasure } from './withdraw';

let server: TestServer;
let db: RegiodeskDatabase;
let n = 0;

const as = (user: string): typeof fetch => (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', basicAuth(user, 'regiodesk'));
  return fetch(input, { ...init, headers });
};

const twenteCandidate = async (): Promise<Candidate> => {
  // A real candidate on the server, written by its supervisor, so that erasure has something to find.
  const c = newCandidate(
    { firstName: 'Sanne', lastName: `Wis${++n}`, regions: ['twente'], ownerRegion: 'twente', consent: giveConsent('event', new Date().toISOString()) },
    { id: `consent-${n}-${Date.now()}`, user: 'carla', now: new Date().toISOString() },
  );
  const res = await as('carla')(`${server.url}/region-twente/${c.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c) });
  expect(res.status).toBe(201);
  await db.candidates.insert(c);
  return c;
};

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 5 });
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  db = await createDatabase(`consent${++n}x${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
});

afterEach(async () => {
  await db?.remove();
});

describe('withdrawing consent', () => {
  it('records the withdrawal and leaves the erasure pending when the user may not erase', async () => {
    const c = await twenteCandidate();
    await expect(withdrawAndRequestErasure(db, c.id, 'anna', server.url, as('anna'))).resolves.toBe('pending');
    const stored = (await db.candidates.findOne(c.id).exec())!.toJSON() as Candidate;
    expect(consentStatus(stored.consent)).toBe('withdrawn');
    expect(stored.consent).toMatchObject({ given: false, withdrawnBy: 'anna', erasure: 'pending', channel: 'event' });
    expect(stored.updatedBy).toBe('anna');
    // Still on the server: nothing was erased.
    expect((await as('carla')(`${server.url}/region-twente/${c.id}`)).status).toBe(200);
  });

  it('has the server erase the person when a supervisor withdraws', async () => {
    const c = await twenteCandidate();
    await expect(withdrawAndRequestErasure(db, c.id, 'carla', server.url, as('carla'))).resolves.toBe('requested');
    expect((await as('carla')(`${server.url}/region-twente/${c.id}`)).status).toBe(404);
  });

  it('stays pending while offline, and a re-send succeeds later', async () => {
    const c = await twenteCandidate();
    await expect(withdrawAndRequestErasure(db, c.id, 'carla', 'http://127.0.0.1:9', as('carla'))).resolves.toBe('pending');
    await expect(requestErasure(c.id, server.url, as('carla'))).resolves.toBe('requested');
  });
});
