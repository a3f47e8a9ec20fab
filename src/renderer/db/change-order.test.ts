import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { newCandidate, type Candidate } from '../../shared';
import { createDatabase, type RegiodeskDatabase } from './database';
import { newDataKey } from './cipher';

/**
 * RxDB stamps a write's `_meta.lwt` before it calls the storage, and the push's checkpoint and
 * getChangedDocumentsSince read the changes by that order: writes must land in the order they were
 * called. The fresh-insert path (freshInsert.ts) opened its transaction sooner than the storage's
 * own path, so an insert called after an update committed before it (this test failed so).
 */
const open: RegiodeskDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

function candidate(id: string): Candidate {
  return newCandidate(
    { firstName: 'Eva', lastName: `Achternaam ${id}`, email: `${id}@example.nl`, sectors: ['po'], regions: ['twente'], ownerRegion: 'twente' },
    { id, user: 'anna', now: '2026-11-25T10:00:00.000Z' },
  );
}

describe('writes land in the order they were called', () => {
  it('a bulk of fresh inserts called after a bulk of updates is stored and announced after it', async () => {
    const db = await createDatabase(`order${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false, key: newDataKey() });
    open.push(db);
    const instance = db.candidates.storageInstance;
    const first = Array.from({ length: 300 }, (_, i) => candidate(`c${String(i).padStart(5, '0')}`));
    await db.candidates.bulkInsert(first);
    const seen: string[] = [];
    const lwts: number[] = [];
    const sub = instance.changeStream().subscribe((bulk) => {
      seen.push(`${bulk.context}:${bulk.events.length}`);
      lwts.push((bulk.checkpoint as { lwt: number }).lwt);
    });
    let lwt = Date.now();
    for (let r = 0; r < 4; r++) {
      const stored = (await instance.findDocumentsById(first.map((c) => c.id), false)) as any[];
      // Called one after the other without waiting, as the pull's and the user's writes can be.
      const updateLwt = ++lwt;
      const updates = stored.map((doc) => ({ previous: doc, document: { ...doc, lastName: `${doc.lastName}${r}`, _rev: `${r + 2}-x${r}`, _meta: { lwt: updateLwt } } }));
      const insertLwt = ++lwt;
      const fresh = Array.from({ length: 5 }, (_, i) => ({ document: { ...candidate(`n${r}x${i}`), _rev: '1-a', _meta: { lwt: insertLwt }, _attachments: {}, _deleted: false } }));
      const results = await Promise.all([instance.bulkWrite(updates, `update${r}`), instance.bulkWrite(fresh as never, `insert${r}`)]);
      expect(results.flatMap((x) => x.error)).toEqual([]);
    }
    sub.unsubscribe();
    expect(seen).toEqual(['update0:300', 'insert0:5', 'update1:300', 'insert1:5', 'update2:300', 'insert2:5', 'update3:300', 'insert3:5']);
    expect(lwts).toEqual([...lwts].sort((a, b) => a - b));
  });
});
