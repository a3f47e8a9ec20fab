import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultChoice, newCandidate, newNote, newRegistration, newTask, type Candidate } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { mergeInto } from './actions';
import { undoCandidateMerge } from './candidateMergeUndo';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

/** A real RxDB on Dexie over fake-indexeddb, removed after the test. */
async function openDb(name: string): Promise<RegiodeskDatabase> {
  const db = await createDatabase(`${name}_${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: true, multiInstance: false });
  dbs.push(db);
  return db;
}

const now = '2026-11-25T10:00:00.000Z';
const cand = (id: string, extra: Partial<Candidate>) =>
  newCandidate({ firstName: 'Jan', lastName: 'Vries', regions: ['twente'], ownerRegion: 'twente', ...extra }, { id, user: 'anna', now });

/**
 * Two cards of one person: b has a note, a task, a registration for the activity a is registered
 * for too (act1) and one of its own (act2).
 */
async function seedDuplicates(db: RegiodeskDatabase): Promise<{ a: Candidate; b: Candidate }> {
  const a = cand('a', { email: 'jan@x.nl', place: 'Enschede' });
  const b = cand('b', { email: 'jan@x.nl', phone: '0612345678', phase: 'matchen', regions: ['twente', 'utrecht'] });
  await db.candidates.bulkInsert([a, b]);
  await db.notes.insert(newNote({ candidateId: 'b', visibility: 'shared', region: 'twente', text: 'Gesprek gehad' }, { suffix: 'n1', user: 'anna', now }));
  await db.tasks.insert(newTask({ candidateId: 'b', region: 'twente', title: 'Terugbellen', assignee: 'anna' }, { suffix: 't1', user: 'anna', now }));
  const registration = (candidateId: string, activityId: string) =>
    newRegistration({ candidateId, activityId, region: 'twente', status: 'registered', channel: 'pre', newCandidate: false }, { user: 'anna', now });
  await db.registrations.bulkInsert([registration('a', 'act1'), registration('b', 'act1'), registration('b', 'act2')] as never);
  return { a, b };
}

describe('merging duplicates', () => {
  it('keeps the chosen values and moves notes, tasks and registrations to the kept candidate', async () => {
    const db = await openDb('test_merge');
    const { a, b } = await seedDuplicates(db);

    const choice = { ...defaultChoice(a, [b]), phase: 'b' };
    expect(choice.phone).toBe('b');
    const { moved } = await mergeInto(db, 'a', ['b'], choice, 'anna');
    expect(moved).toBe(3);
    const left = (await db.candidates.find().exec()).map((d) => d.toJSON());
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ id: 'a', place: 'Enschede', phone: '0612345678', phase: 'matchen', regions: ['twente', 'utrecht'] });
    expect((await db.notes.find().exec()).map((n) => [n.id, n.candidateId])).toEqual([['a:n:n1', 'a']]);
    expect((await db.tasks.find().exec()).map((n) => n.candidateId)).toEqual(['a']);
    expect((await db.registrations.find().exec()).map((r) => r.id).sort()).toEqual(['a:r:act1', 'a:r:act2']);
  });
});

describe('undoing a candidate merge', () => {
  it('brings the duplicate back with its notes, tasks and registrations, and the kept fields as they were', async () => {
    const db = await openDb('test_merge_undo');
    const { a, b } = await seedDuplicates(db);
    const snapshot = async () => ({
      candidates: (await db.candidates.find().exec()).map((d) => [d.id, d.phase, d.phone ?? null, d.regions.join(',')]).sort(),
      notes: (await db.notes.find().exec()).map((d) => [d.id, d.candidateId, d.text]).sort(),
      tasks: (await db.tasks.find().exec()).map((d) => [d.id, d.candidateId, d.done ?? false]).sort(),
      registrations: (await db.registrations.find().exec()).map((d) => [d.id, d.candidateId]).sort(),
    });
    const before = await snapshot();

    const { undo } = await mergeInto(db, 'a', ['b'], { ...defaultChoice(a, [b]), phase: 'b' }, 'anna');
    expect((await snapshot()).candidates).toEqual([['a', 'matchen', '0612345678', 'twente,utrecht']]);
    // Work done on the moved task after the merge goes back with it.
    const movedTask = (await db.tasks.find().exec())[0]!;
    await movedTask.incrementalPatch({ done: true });

    const result = await undoCandidateMerge(db, undo, 'anna');
    expect(result).toEqual({ restored: 1, movedBack: 4, keptEdits: false }); // note, task, act1 (kept's own stayed) and act2
    const after = await snapshot();
    expect(after.candidates).toEqual(before.candidates);
    expect(after.notes).toEqual(before.notes);
    expect(after.registrations).toEqual(before.registrations);
    expect(after.tasks).toEqual([[before.tasks[0]![0], 'b', true]]);
    // Run again (e.g. after a failure half-way): nothing changes twice.
    expect(await undoCandidateMerge(db, undo, 'anna')).toEqual({ restored: 0, movedBack: 0, keptEdits: false });
    expect(await snapshot()).toEqual(after);
  });

  it('leaves a kept field edited since the merge as it is', async () => {
    const db = await openDb('test_merge_undo2');
    const a = cand('a', { email: 'jan@x.nl', place: 'Enschede' });
    const b = cand('b', { email: 'jan@x.nl', phone: '0612345678', place: 'Hengelo' });
    await db.candidates.bulkInsert([a, b]);
    const { undo } = await mergeInto(db, 'a', ['b'], { ...defaultChoice(a, [b]), place: 'b' }, 'anna');
    expect((await db.candidates.findOne('a').exec())!.place).toBe('Hengelo');
    await (await db.candidates.findOne('a').exec())!.incrementalPatch({ phone: '0687654321' });
    const result = await undoCandidateMerge(db, undo, 'anna');
    expect(result.keptEdits).toBe(true);
    const kept = (await db.candidates.findOne('a').exec())!;
    expect([kept.place, kept.phone]).toEqual(['Enschede', '0687654321']);
    expect((await db.candidates.findOne('b').exec())!.place).toBe('Hengelo');
  });
});
