import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newCandidate, type Candidate, type Phase } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { CandidateCache, candidateCacheFor, countPerPhase, loadAll, loadByIds, loadFirstPage } from './candidateCache';
import { readFirstRows, rememberFirstRows, viewKey } from './firstRows';
import { memoryStore } from '../../app/session';
import { defaultSpec } from '../../../shared';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

const now = '2026-11-25T10:00:00.000Z';
const cand = (id: string, lastName: string, phase: Phase = 'nieuw', ownerRegion = 'twente') =>
  ({ ...newCandidate({ firstName: 'Jan', lastName, regions: [ownerRegion], ownerRegion }, { id, user: 'anna', now }), phase }) as Candidate;
const stored = (c: Candidate, lwt: number) => ({ ...c, _meta: { lwt } }) as unknown as Candidate;

async function openDb(): Promise<RegiodeskDatabase> {
  const db = await createDatabase(`test_cache_${Date.now()}_${dbs.length}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
  dbs.push(db);
  return db;
}

describe('candidate cache (keyed, change by change)', () => {
  it('keeps unchanged candidates as the same objects and one array until something changes', () => {
    const cache = new CandidateCache();
    const a = stored(cand('a', 'Bakker'), 1);
    const b = stored(cand('b', 'de Vries'), 1);
    cache.fill([a, b]);
    const first = cache.all();
    expect(cache.all()).toBe(first);
    const b2 = stored({ ...b, place: 'Hengelo' }, 2);
    cache.applyChanges([{ id: 'b', doc: b2 }]);
    const second = cache.all();
    expect(second).not.toBe(first);
    expect(second[0]).toBe(a);
    expect(cache.get('b')).toBe(b2);
    cache.applyChanges([{ id: 'a', doc: null }]);
    expect(cache.all().map((c) => c.id)).toEqual(['b']);
  });

  it('does not let a chunk read before a change put old data back', () => {
    const cache = new CandidateCache();
    let notified = 0;
    cache.subscribe(() => notified++);
    const old = stored(cand('a', 'Bakker'), 1);
    // The change arrives while the full load is still reading; the read still has the old data.
    cache.applyChanges([{ id: 'a', doc: stored({ ...old, phase: 'matchen' }, 2) }, { id: 'gone', doc: null }]);
    cache.fill([old, stored(cand('gone', 'Weg'), 1)]);
    expect(cache.full).toBe(true);
    expect(cache.get('a')?.phase).toBe('matchen');
    expect(cache.has('gone')).toBe(false);
    expect(notified).toBe(2);
  });
});

describe('cold start reads against a real store', () => {
  it('shows a first page and phase counts from the index, then the full set, and follows writes', async () => {
    const db = await openDb();
    const docs: Candidate[] = [];
    for (let i = 0; i < 60; i++) docs.push(cand(`c${String(i).padStart(3, '0')}`, `Naam${i}`, i % 3 === 0 ? 'matchen' : 'nieuw', i % 10 === 0 ? 'utrecht' : 'twente'));
    await db.candidates.bulkInsert(docs);

    const cache = new CandidateCache();
    await loadFirstPage(db, cache, 'twente', ['matchen'], 5);
    expect(cache.size).toBe(5);
    expect(cache.all().every((c) => c.phase === 'matchen' && c.ownerRegion === 'twente')).toBe(true);
    expect(cache.full).toBe(false);
    const counts = await countPerPhase(db, 'twente', ['nieuw', 'matchen']);
    const owned = docs.filter((c) => c.ownerRegion === 'twente');
    expect(counts).toEqual({ nieuw: owned.filter((c) => c.phase === 'nieuw').length, matchen: owned.filter((c) => c.phase === 'matchen').length });

    await loadByIds(db, cache, ['c001', 'c002', 'nope']);
    expect(cache.has('c001') && cache.has('c002')).toBe(true);

    await loadAll(db, cache);
    expect(cache.full).toBe(true);
    expect(cache.size).toBe(60);
    expect(new Set(cache.all().map((c) => c.id)).size).toBe(60);
  });

  it('the shared cache follows inserts, updates and deletions without re-reading', async () => {
    const db = await openDb();
    await db.candidates.bulkInsert([cand('a', 'Bakker'), cand('b', 'Smit')]);
    const cache = candidateCacheFor(db);
    expect(candidateCacheFor(db)).toBe(cache);
    await new Promise<void>((resolve) => {
      const off = cache.subscribe(() => cache.full && (off(), resolve()));
    });
    const a = cache.get('a');
    await db.candidates.insert(cand('c', 'Jansen'));
    await (await db.candidates.findOne('b').exec())!.incrementalPatch({ place: 'Enschede' });
    await (await db.candidates.findOne('c').exec())!.remove();
    expect(cache.get('a')).toBe(a);
    expect(cache.get('b')?.place).toBe('Enschede');
    expect(cache.has('c')).toBe(false);
    expect(cache.size).toBe(2);
  });
});

describe('remembered first rows', () => {
  it('come back only for the same region, tab and view', () => {
    const store = memoryStore();
    const spec = defaultSpec();
    rememberFirstRows('db1', viewKey('twente', 'nieuw', spec), ['a', 'b'], store);
    expect(readFirstRows('db1', viewKey('twente', 'nieuw', spec), store)).toEqual(['a', 'b']);
    expect(readFirstRows('db1', viewKey('twente', 'matchen', spec), store)).toBeNull();
    expect(readFirstRows('db1', viewKey('twente', 'nieuw', { ...spec, groupBy: 'phase' }), store)).toBeNull();
    expect(readFirstRows('db2', viewKey('twente', 'nieuw', spec), store)).toBeNull();
    store.setItem('regiodesk.firstRows.db1', '{broken');
    expect(readFirstRows('db1', viewKey('twente', 'nieuw', spec), store)).toBeNull();
  });
});
