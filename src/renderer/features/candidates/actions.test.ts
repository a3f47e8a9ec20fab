import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { moveToPhase, undoSteps } from './actions';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

async function open(): Promise<RegiodeskDatabase> {
  const db = await createDatabase(`test_phase_undo_${Date.now()}_${dbs.length}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: true, multiInstance: false });
  dbs.push(db);
  return db;
}

async function add(db: RegiodeskDatabase, id: string): Promise<Candidate> {
  const c = newCandidate({ firstName: 'Sanne', lastName: id, regions: ['twente'], ownerRegion: 'twente' }, { id, user: 'anna', now: '2026-11-01T10:00:00.000Z' });
  await db.candidates.insert(c);
  return c;
}

const read = async (db: RegiodeskDatabase, id: string) => (await db.candidates.findOne(id).exec())!.toJSON() as unknown as Candidate;

/**
 * Undo of a phase move (the board's drag, a bulk move): a move made by mistake and undone at once
 * leaves no trace in the phase history, which the figures (drop-out, time in phase, inflow per
 * phase) are rebuilt from. It used to record the undo as a second move back: two entries.
 */
describe('undo of a phase move', () => {
  it('restores the phase and leaves the phase history as it was before the move', async () => {
    const db = await open();
    const before = await add(db, 'c1');
    const steps = await moveToPhase(db, ['c1'], 'gestopt', 'anna');
    expect((await read(db, 'c1')).phaseHistory).toHaveLength(2);
    await undoSteps(db, steps, 'anna');
    const after = await read(db, 'c1');
    expect(after.phase).toBe('nieuw');
    expect(after.phaseHistory).toEqual(before.phaseHistory);
    // The undo is an edit like any other: it syncs (a newer clock on phase and history).
    expect(after.updatedBy).toBe('anna');
    expect(after.fieldClocks).toBeDefined();
  });

  it('undoes a bulk move of several candidates, each back to its own phase and history', async () => {
    const db = await open();
    await add(db, 'a');
    await add(db, 'b');
    await moveToPhase(db, ['b'], 'orienteren', 'anna');
    const b = await read(db, 'b');
    const steps = await moveToPhase(db, ['a', 'b'], 'matchen', 'anna');
    expect(steps).toHaveLength(2);
    await undoSteps(db, steps, 'anna');
    const [a2, b2] = [await read(db, 'a'), await read(db, 'b')];
    expect([a2.phase, b2.phase]).toEqual(['nieuw', 'orienteren']);
    expect(a2.phaseHistory).toHaveLength(1);
    expect(b2.phaseHistory).toEqual(b.phaseHistory);
  });

  it('a move made after the undone one stays in the history; the undo is then recorded as a move back', async () => {
    const db = await open();
    await add(db, 'c2');
    const steps = await moveToPhase(db, ['c2'], 'orienteren', 'anna');
    await moveToPhase(db, ['c2'], 'voorbereiden', 'daan');
    await undoSteps(db, steps, 'anna');
    const after = await read(db, 'c2');
    expect(after.phase).toBe('nieuw');
    expect(after.phaseHistory?.map((h) => [h.from, h.to, h.by])).toEqual([
      [undefined, 'nieuw', 'anna'],
      ['nieuw', 'orienteren', 'anna'],
      ['orienteren', 'voorbereiden', 'daan'],
      ['voorbereiden', 'nieuw', 'anna'],
    ]);
  });

  it('undoing twice (a double click) changes nothing the second time', async () => {
    const db = await open();
    const before = await add(db, 'c3');
    const steps = await moveToPhase(db, ['c3'], 'orienteren', 'anna');
    await Promise.all([undoSteps(db, steps, 'anna'), undoSteps(db, steps, 'anna')]);
    const after = await read(db, 'c3');
    expect(after.phase).toBe('nieuw');
    expect(after.phaseHistory).toEqual(before.phaseHistory);
  });
});
