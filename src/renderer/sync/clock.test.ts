import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { clockOf, compareHlc, DELETED_CLOCK, expandClocks, newCandidate } from '../../shared';
import { memoryStore } from '../app/session';
import { createDatabase, type RegiodeskDatabase } from '../db/database';
import { resetDeviceClock, receiveClocks, tick } from './clock';
import { splitBulkAnswer } from './replication';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

describe('field clocks on local writes', () => {
  it('stamps every field of an insert and only the changed fields of an update, whatever the write path', async () => {
    resetDeviceClock(memoryStore());
    const db = await createDatabase('test_clocks_' + Date.now(), { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: true, multiInstance: false });
    dbs.push(db);
    const c = newCandidate({ firstName: 'Sanne', lastName: 'Smit', regions: ['twente'], ownerRegion: 'twente', place: 'Hengelo' }, { id: 'c1', user: 'anna', now: '2026-11-01T10:00:00.000Z' });
    const doc = await db.candidates.insert(c);
    const first = expandClocks(doc.toJSON());
    expect(Object.keys(first).sort()).toEqual(['_deleted', 'consent', 'firstName', 'functions', 'lastName', 'owner', 'ownerRegion', 'phase', 'phaseHistory', 'place', 'regions', 'sectors', 'source', 'subjects']);
    // One insert is one event: every field carries its clock, stored once (field-clocks.ts).
    expect(new Set(Object.values(first)).size).toBe(1);
    expect(Object.keys(doc.toJSON().fieldClocks!).sort()).toEqual(['*', '_deleted']);
    await doc.incrementalPatch({ place: 'Almelo', updatedAt: '2026-11-02T10:00:00.000Z' });
    const after = expandClocks((await db.candidates.findOne('c1').exec())!.toJSON());
    expect(compareHlc(after.place!, first.place!)).toBeGreaterThan(0);
    expect(after.firstName).toBe(first.firstName);
    // An edit leaves the clock of existence alone; a deletion moves it (field-merge.ts, DELETED_CLOCK).
    expect(after._deleted).toBe(first._deleted);
    await (await db.candidates.findOne('c1').exec())!.remove();
    const [stone] = await db.candidates.storageInstance.findDocumentsById(['c1'], true);
    expect(compareHlc(clockOf(stone as unknown as Record<string, unknown>, DELETED_CLOCK)!, after.place!)).toBeGreaterThan(0);
  });

  it('moves past clocks received from others', () => {
    resetDeviceClock(memoryStore());
    const far = '999999999999999-00000-other';
    receiveClocks({ fieldClocks: { place: far } });
    expect(compareHlc(tick(), far)).toBeGreaterThan(0);
  });

  it('keeps the received clock for a restart with one write per task, not one per pulled document', async () => {
    const kept = memoryStore();
    let writes = 0;
    resetDeviceClock({ ...kept, setItem: (k, v) => { writes++; kept.setItem(k, v); } });
    tick();
    await Promise.resolve();
    writes = 0;
    const clocks = Array.from({ length: 500 }, (_, i) => `${String(900000000000000 + i).padStart(15, '0')}-00000-other`);
    for (const c of clocks) receiveClocks({ fieldClocks: { place: c } });
    await Promise.resolve();
    expect(writes).toBe(1);
    // A restart on the kept value still issues clocks after everything received.
    resetDeviceClock(kept);
    expect(compareHlc(tick(), clocks.at(-1)!)).toBeGreaterThan(0);
  });
});

describe('rejected documents in a _bulk_docs answer', () => {
  it('are taken out (RxDB would stall on them); conflicts stay for RxDB', () => {
    const out = splitBulkAnswer([
      { id: 'a', ok: true, rev: '1-x' },
      { id: 'b', error: 'forbidden', reason: 'lastName: required' },
      { id: 'c', error: 'conflict', reason: 'Document update conflict.' },
    ]);
    expect(out.keep.map((r) => r.id)).toEqual(['a', 'c']);
    expect(out.rejected).toEqual([{ id: 'b', error: 'forbidden', reason: 'lastName: required' }]);
    expect(out.accepted).toEqual(['a']);
  });
});
