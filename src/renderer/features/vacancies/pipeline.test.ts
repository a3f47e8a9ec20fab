import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { newCandidate, newVacancy, type Candidate, type Contact, type Match, type Vacancy } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { syncStatus } from '../../sync/status';
import { advanceMatch, proposeMatch, withdrawMatch } from './actions';

let n = 0;
const now = new Date().toISOString();

/** The pipeline's writes on a real RxDB (Dexie over fake-indexeddb), as the app makes them. */
describe('match pipeline', () => {
  let db: RegiodeskDatabase;
  let vacancy: Vacancy;
  beforeEach(async () => {
    db = await createDatabase(`pipeline${++n}x${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
    await db.candidates.insert(newCandidate({ firstName: 'Fatima', lastName: 'Bakkali', phase: 'matchen', regions: ['twente'], ownerRegion: 'twente' }, { id: 'cand-f', user: 'anna', now }));
    vacancy = newVacancy({ title: 'Docent wiskunde', organisationId: 'org-lyceum', organisationName: 'Het Lyceum', function: 'docent', sector: 'vo', public: true }, { id: 'vac-wisk01', region: 'twente', user: 'anna', now });
    await db.vacancies.insert(vacancy);
  });
  afterEach(async () => {
    await db?.remove();
  });

  const get = async <T,>(col: 'candidates' | 'vacancies' | 'matches', id: string) => (await db[col].findOne(id).exec())!.toJSON() as T;

  it('proposes once, records steps with date and note, and on aangenomen fills the vacancy and places the candidate', async () => {
    const m = await proposeMatch(db, 'cand-f', vacancy, '2026-11-25', 'anna');
    expect((await proposeMatch(db, 'cand-f', vacancy, '2026-11-26', 'bert')).id).toBe(m.id); // proposing again: same match
    expect(await advanceMatch(db, m.id, 'gesprek', { date: '2026-12-01', note: 'Goed gesprek' }, 'anna')).toEqual({ ok: true });
    let contacts = (await db.contacts.find().exec()).map((d) => d.toJSON() as Contact);
    expect(contacts).toMatchObject([{ candidateId: 'cand-f', organisationId: 'org-lyceum', organisationName: 'Het Lyceum', status: 'gesprek', date: '2026-12-01' }]);
    expect((await get<Vacancy>('vacancies', vacancy.id)).status).toBe('open');

    expect(await advanceMatch(db, m.id, 'aangenomen', { date: '2026-12-10', note: '' }, 'anna')).toEqual({ ok: true });
    const match = await get<Match>('matches', m.id);
    expect(match.history.map((h) => [h.step, h.date])).toEqual([['voorgesteld', '2026-11-25'], ['gesprek', '2026-12-01'], ['aangenomen', '2026-12-10']]);
    expect(match.history[1]!.note).toBe('Goed gesprek');
    expect((await get<Vacancy>('vacancies', vacancy.id)).status).toBe('filled');
    const c = await get<Candidate>('candidates', 'cand-f');
    expect(c.phase).toBe('geplaatst');
    expect(c.phaseHistory?.map((p) => p.to)).toEqual(['matchen', 'geplaatst']);
    contacts = (await db.contacts.find().exec()).map((d) => d.toJSON() as Contact);
    expect(contacts).toHaveLength(1); // updated, not duplicated
    expect(contacts[0]).toMatchObject({ status: 'aangenomen', date: '2026-12-10' });
  });

  it('counts every write of the pipeline as a local change waiting for sync', async () => {
    syncStatus.setState({ pending: [] });
    const m = await proposeMatch(db, 'cand-f', vacancy, '2026-11-25', 'anna');
    expect(syncStatus.getState().pending).toEqual([m.id]);
    await advanceMatch(db, m.id, 'aangenomen', { date: '2026-12-10', note: '' }, 'anna');
    const contact = (await db.contacts.find().exec())[0]!.primary;
    expect([...syncStatus.getState().pending].sort()).toEqual([m.id, vacancy.id, 'cand-f', contact].sort());
  });

  it('withdraws a bare proposal, but never one with steps recorded', async () => {
    const m = await proposeMatch(db, 'cand-f', vacancy, '2026-11-25', 'anna');
    await advanceMatch(db, m.id, 'gesprek', { date: '2026-12-01', note: '' }, 'anna');
    expect(await withdrawMatch(db, m.id)).toBe(false);
    expect(await db.matches.findOne(m.id).exec()).not.toBeNull();
    await db.candidates.insert(newCandidate({ firstName: 'Bas', lastName: 'Vos', regions: ['twente'], ownerRegion: 'twente' }, { id: 'cand-b', user: 'anna', now }));
    const other = await proposeMatch(db, 'cand-b', vacancy, '2026-11-25', 'anna');
    expect(await withdrawMatch(db, other.id)).toBe(true);
    expect(await db.matches.findOne(other.id).exec()).toBeNull();
  });

  it('refuses a bad date at the field and writes nothing', async () => {
    const m = await proposeMatch(db, 'cand-f', vacancy, '2026-11-25', 'anna');
    expect(await advanceMatch(db, m.id, 'aangenomen', { date: '10-12-2026', note: '' }, 'anna')).toEqual({ ok: false, errors: { date: 'invalidDate' } });
    expect((await get<Match>('matches', m.id)).step).toBe('voorgesteld');
    expect((await get<Vacancy>('vacancies', vacancy.id)).status).toBe('open');
    expect((await get<Candidate>('candidates', 'cand-f')).phase).toBe('matchen');
    expect(await db.contacts.count().exec()).toBe(0);
  });
});
