import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { PHASES } from '../../shared/taxonomy';
import { newCandidate, newNote, newReferral, type Candidate, type Phase } from '../../shared';
import { createDatabase, type RegiodeskDatabase } from './database';
import { newDataKey } from './cipher';
import { wrappedEncryptedStorage } from './encryption';
import { migrationProgress, onMigrationProgress, type MigrationProgress } from './migrationProgress';
import { legacyCollection, LEGACY_INDEXES } from './schema-history';
import { CandidateCache, countPerPhase, loadAll, loadFirstPage } from '../features/candidates/candidateCache';
import { readSnapshot, writeSnapshot } from '../features/candidates/listSnapshot';
import { loadFromSnapshot } from '../features/candidates/snapshotLoad';

/**
 * Dropping unused indexes bumped the schema versions of candidates, notes and referrals: a laptop
 * that holds data under the old versions must upgrade without losing or reviving anything, and
 * the app's queries must answer exactly as before.
 */
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const NOW = '2026-11-25T10:00:00.000Z';
const PHASE_CODES = PHASES.map((p) => p.code) as Phase[];
const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

function candidates(): Candidate[] {
  return Array.from({ length: 48 }, (_, i) => {
    const ownerRegion = i % 3 === 0 ? 'drenthe' : 'twente';
    const c = newCandidate(
      { firstName: `Voor${i}`, lastName: `Achter${i}`, email: `c${i}@example.nl`, regions: [ownerRegion], ownerRegion, sectors: ['po'], phase: PHASE_CODES[i % PHASE_CODES.length]! },
      { id: `cand${String(i).padStart(3, '0')}`, user: 'anna', now: NOW },
    );
    // Distinct edit times, so an index by updatedAt would order differently from one by id.
    return { ...c, updatedAt: new Date(Date.parse(NOW) + ((i * 7919) % 48) * 1000).toISOString() };
  });
}

/** The storage stack of the app (encrypted at rest), validated as dev mode wants once another test added it. */
const oldStorage = (key: Uint8Array) => wrappedValidateAjvStorage({ storage: wrappedEncryptedStorage({ storage: storage(), key }) });

/** The database as the previous app left it: old schema versions and index sets, encrypted at rest. */
async function oldDatabase(name: string, key: Uint8Array): Promise<void> {
  const old: RxDatabase = await createRxDatabase({ name, storage: oldStorage(key), multiInstance: false, localDocuments: true });
  open.push(old);
  await old.addCollections({ candidates: legacyCollection('candidates'), notes: legacyCollection('notes'), referrals: legacyCollection('referrals') });
  expect(old.candidates!.schema.version).toBe(LEGACY_INDEXES.candidates.version);
  const all = candidates();
  await old.candidates!.bulkInsert(all);
  await old.notes!.bulkInsert(all.slice(0, 10).flatMap((c, i) => [0, 1].map((k) => newNote({ candidateId: c.id, visibility: 'shared', region: c.ownerRegion, text: `Notitie ${i}.${k}` }, { suffix: `n${k}`, user: 'anna', now: NOW }))));
  await old.referrals!.bulkInsert(all.slice(0, 6).map((c, i) => newReferral({ candidateId: c.id, kind: i % 2 ? 'link' : 'referral', fromRegion: c.ownerRegion, toRegion: c.ownerRegion === 'twente' ? 'drenthe' : 'twente', reason: 'Verhuist', name: c.firstName }, { suffix: 'r1', user: 'anna', now: NOW })));
  // A deleted candidate must stay deleted after the upgrade.
  await (await old.candidates!.findOne('cand047').exec())!.remove();
  await old.close();
}

/** What the app asks of these collections (the list, a candidate's page, the referral inbox). */
async function answers(db: RegiodeskDatabase) {
  const ids = (docs: { primary: string }[]) => docs.map((d) => d.primary).sort();
  const firstPage = new CandidateCache();
  await loadFirstPage(db, firstPage, 'twente', PHASE_CODES, 2);
  const all = new CandidateCache();
  await loadAll(db, all);
  return {
    count: await db.candidates.count().exec(),
    perPhase: await countPerPhase(db, 'twente', PHASE_CODES),
    firstPageSize: firstPage.size,
    all: all.all().map((c) => `${c.id}:${c.lastName}:${c.phase}`).sort(),
    byIds: ids(await db.candidates.find({ selector: { id: { $in: ['cand001', 'cand010', 'cand047'] } } }).exec()),
    notesOf: (await db.notes.find({ selector: { candidateId: 'cand003' } }).exec()).map((d) => d.text).sort(),
    notesOfMany: ids(await db.notes.find({ selector: { candidateId: { $in: ['cand000', 'cand009'] } } }).exec()),
    inbox: ids(await db.referrals.find({ selector: { status: 'open' } }).exec()),
    referralsOf: ids(await db.referrals.find({ selector: { candidateId: 'cand001' } }).exec()),
    byLastName: ids(await db.candidates.find({ selector: { lastName: 'Achter5' } }).exec()),
  };
}

describe('upgrade to the smaller index sets', () => {
  it('migrates candidates, notes and referrals: every document found, the same answers, the new indexes used', async () => {
    const name = `idxmig${Date.now()}`;
    const key = newDataKey();
    await oldDatabase(name, key);

    // The start screen's progress: counted up over the copy, cleared once the database is open.
    const progress: (MigrationProgress | null)[] = [];
    const stop = onMigrationProgress(() => progress.push(migrationProgress()));
    const db = await createDatabase(name, { storage: storage(), multiInstance: false, key });
    stop();
    open.push(db);
    const counted = progress.filter((p): p is MigrationProgress => p !== null);
    expect(counted.length).toBeGreaterThan(0);
    expect(Math.max(...counted.map((p) => p.total))).toBeGreaterThanOrEqual(47 + 20 + 6);
    expect(counted.at(-1)!.handled).toBe(counted.at(-1)!.total);
    expect(progress.at(-1)).toBeNull();
    expect(migrationProgress()).toBeNull();
    expect(db.candidates.schema.version).toBeGreaterThan(LEGACY_INDEXES.candidates.version);
    expect(db.notes.schema.version).toBeGreaterThan(LEGACY_INDEXES.notes.version);
    expect(db.referrals.schema.version).toBeGreaterThan(LEGACY_INDEXES.referrals.version);
    // Every document is there, decrypted, and the deleted one did not come back.
    for (const c of candidates().slice(0, 47)) {
      expect((await db.candidates.findOne(c.id).exec())?.toJSON()).toMatchObject({ lastName: c.lastName, email: c.email, phase: c.phase, updatedAt: c.updatedAt });
    }
    expect(await db.candidates.findOne('cand047').exec()).toBeNull();

    const got = await answers(db);
    expect(got.count).toBe(47);
    expect(got.all).toHaveLength(47);
    expect(got.byIds).toEqual(['cand001', 'cand010']);
    expect(got.notesOf).toEqual(['Notitie 3.0', 'Notitie 3.1']);
    expect(got.notesOfMany).toEqual(['cand000:n:n0', 'cand000:n:n1', 'cand009:n:n0', 'cand009:n:n1']);
    expect(got.inbox).toEqual(['cand000:r:r1', 'cand002:r:r1', 'cand004:r:r1']);
    expect(got.referralsOf).toEqual(['cand001:r:r1']);
    expect(got.byLastName).toEqual(['cand005']);
    const twente = candidates().slice(0, 47).filter((c) => c.ownerRegion === 'twente');
    expect(Object.values(got.perPhase).reduce((a, b) => a + b, 0)).toBe(twente.length);
    for (const p of PHASE_CODES) expect(got.perPhase[p]).toBe(twente.filter((c) => c.phase === p).length);
    expect(got.firstPageSize).toBe(PHASE_CODES.reduce((n, p) => n + Math.min(2, got.perPhase[p]!), 0));

    // The planner serves these from the new indexes (a count without one throws QU14).
    const plan = (q: ReturnType<RegiodeskDatabase['candidates']['find']>) => q.getPreparedQuery().queryPlan;
    expect(plan(db.candidates.find({ selector: { ownerRegion: 'twente', phase: 'nieuw' } }))).toMatchObject({ index: ['_deleted', 'ownerRegion', 'phase', 'id'], selectorSatisfiedByIndex: true });
    expect(plan(db.candidates.find({ selector: {}, sort: [{ id: 'asc' }] }))).toMatchObject({ index: ['_deleted', 'id'], sortSatisfiedByIndex: true });
    expect(plan(db.candidates.find({ selector: { id: { $gt: 'cand010' } }, sort: [{ id: 'asc' }], limit: 5 }))).toMatchObject({ index: ['_deleted', 'id'], selectorSatisfiedByIndex: true });
    expect(db.notes.schema.indexes).not.toContainEqual(['_deleted', 'updatedAt', 'id']);
    expect(db.candidates.schema.indexes).toEqual([['_deleted', 'id'], ['_deleted', 'ownerRegion', 'phase', 'id'], ['_meta.lwt', 'id']]);

    // A second start (nothing left to migrate) answers the same.
    await db.close();
    const again = await createDatabase(name, { storage: storage(), multiInstance: false, key });
    open.push(again);
    expect(await answers(again)).toEqual(got);
  });

  it('gives the same answers as the old schema did', async () => {
    const key = newDataKey();
    const before = `idxold${Date.now()}`;
    await oldDatabase(before, key);
    // Read the old database's answers with the old schemas (the app's queries, run by hand).
    const old: RxDatabase = await createRxDatabase({ name: before, storage: oldStorage(key), multiInstance: false, localDocuments: true });
    open.push(old);
    await old.addCollections({ candidates: legacyCollection('candidates'), notes: legacyCollection('notes'), referrals: legacyCollection('referrals') });
    const oldAnswers = await answers(old as unknown as RegiodeskDatabase);
    await old.close();

    const db = await createDatabase(before, { storage: storage(), multiInstance: false, key });
    open.push(db);
    expect(await answers(db)).toEqual(oldAnswers);
  });

  it("does not serve the list's snapshot of the old version after the upgrade: the full read brings every row", async () => {
    const name = `idxsnap${Date.now()}`;
    const key = newDataKey();
    const idb = new IDBFactory();
    await oldDatabase(name, key);
    // A snapshot the old app sealed, missing two candidates it had not seen yet.
    const stale = candidates().slice(0, 45).map((c, i) => ({ ...c, _meta: { lwt: 1000 + i } }));
    await writeSnapshot(name, key, LEGACY_INDEXES.candidates.version, stale as unknown as Candidate[], idb);

    const db = await createDatabase(name, { storage: storage(), multiInstance: false, key });
    open.push(db);
    expect(await readSnapshot(name, key, db.candidates.schema.version, idb)).toBeNull();
    const cache = new CandidateCache();
    expect(await loadFromSnapshot(db, cache, { idb })).toBe('unreadable');
    expect(cache.full).toBe(false);
    await loadAll(db, cache);
    expect(cache.all().map((c) => c.id).sort()).toEqual(candidates().slice(0, 47).map((c) => c.id));
  });
});
