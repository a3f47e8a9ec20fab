// @vitest-environment node
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../../../sync-server/testing';
import { newCandidate, newNote } from '../../../shared';
import { createDatabase } from '../../db/database';
import { sessionFromResponse } from '../login/api';
import { checkMembership } from './membership';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 5 });
});

afterAll(async () => {
  await server?.close();
});

const as = (user: string, password = 'regiodesk'): typeof fetch => (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', basicAuth(user, password));
  return fetch(input, { ...init, headers });
};

const now = new Date().toISOString();
const person = (id: string, regions: string[]) =>
  newCandidate({ firstName: 'Test', lastName: id, regions, ownerRegion: regions[0]! }, { id, user: 'daan', now });

describe('a user removed from a region', () => {
  it("loses that region's documents on the laptop at the next check, and keeps the rest", async () => {
    const db = await createDatabase(`membership${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
    try {
      const session = sessionFromResponse(server.url, await (await as('daan')(`${server.url}/_session`)).json(), now);
      await db.candidates.bulkInsert([person('only-utrecht', ['utrecht']), person('only-twente', ['twente']), person('both', ['twente', 'utrecht'])]);
      const note = newNote({ candidateId: 'only-utrecht', region: 'utrecht', text: 'Gesprek in Utrecht', visibility: 'shared' }, { suffix: 'n1', user: 'daan', now });
      await db.notes.insert(note);

      // Nothing changed on the server: nothing is removed.
      const same = await checkMembership(db, session, as('daan'));
      expect(same.lostRegions).toEqual([]);
      expect(await db.candidates.count().exec()).toBe(3);

      const patch = await as('admin', TEST_ADMIN_PASSWORD)(`${server.url}/_regiodesk/admin/users/daan`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ memberships: [{ region: 'twente', role: 'editor' }] }),
      });
      expect(patch.status).toBeLessThan(300);

      const r = await checkMembership(db, session, as('daan'));
      expect(r.lostRegions).toEqual(['utrecht']);
      expect(r.fresh?.memberships).toEqual([{ region: 'twente', role: 'editor' }]);
      const left = (await db.candidates.find().exec()).map((d) => d.primary).sort();
      expect(left).toEqual(['both', 'only-twente']);
      expect(await db.notes.findOne(note.id).exec()).toBeNull();
      // Purged from storage too, not kept as a deleted document.
      const raw = await db.candidates.storageInstance.findDocumentsById(['only-utrecht'], true);
      expect(raw).toHaveLength(0);
    } finally {
      await db.remove();
    }
  });

  it('changes nothing while offline', async () => {
    const db = await createDatabase(`membership-off${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
    try {
      const session = { server: 'http://127.0.0.1:9', user: 'daan', admin: false, memberships: [{ region: 'utrecht' as const, role: 'editor' as const }], regions: [], currentRegion: null, loggedInAt: now };
      await db.candidates.insert(person('kept', ['utrecht']));
      const r = await checkMembership(db, session as never, fetch);
      expect(r).toEqual({ fresh: null, lostRegions: [], removedDocuments: 0 });
      expect(await db.candidates.count().exec()).toBe(1);
    } finally {
      await db.remove();
    }
  });
});
