import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultChoice, newCandidate, newNote, newRegistration, newTask, type Candidate } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { mergeInto } from './actions';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

const now = '2026-11-25T10:00:00.000Z';
const cand = (id: string, extra: Partial<Candidate>) =>
  newCandidate({ firstName: 'Jan', lastName: 'Vries', regions: ['twente'], ownerRegion: 'twente', ...extra }, { id, user: 'anna', now });

describe('merging duplicates', () => {
  it('keeps the chosen values and moves notes, tasks and registrations to the kept candidate', async () => {
    const db = await createDatabase(`test_merge_${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: true, multiInstance: false });
    dbs.push(db);
    const a = cand('a', { email: 'jan@x.nl', place: 'Enschede' });
    const b = cand('b', { email: 'jan@x.nl', phone: '0612345678', phase: 'matchen', regions: ['twente', 'utrecht'] });
    await db.candidates.bulkInsert([a, b]);
    await db.notes.insert(newNote({ candidateId: 'b', visibility: 'shared', region: 'twente', text: 'Gesprek gehad' }, { suffix: 'n1', user: 'anna', now }));
    await db.tasks.insert(newTask({ candidateId: 'b', region: 'twente', title: 'Terugbellen', assignee: 'anna' }, { suffix: 't1', user: 'anna', now }));
    await db.registrations.bulkInsert([
      newRegistration({ candidateId: 'a', activityId: 'act1', region: 'twente', status: 'registered', channel: 'pre', newCandidate: false }, { user: 'anna', now }),
      newRegistration({ candidateId: 'b', activityId: 'act1', region: 'twente', status: 'registered', channel: 'pre', newCandidate: false }, { user: 'anna', now }),
      newRegistration({ candidateId: 'b', activityId: 'act2', region: 'twente', status: 'registered', channel: 'pre', newCandidate: false }, { user: 'anna', now }),
    ] as never);

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
