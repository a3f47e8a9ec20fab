import { IDBFactory, indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getChangedDocumentsSince } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../../shared';
import { createDatabase, dataKeyOf, type RegiodeskDatabase } from '../../db/database';
import { CandidateCache, loadAll } from './candidateCache';
import { readSnapshot, SNAPSHOT_CHUNK, writeSnapshot } from './listSnapshot';
import { keepSnapshot, loadFromSnapshot } from './snapshotLoad';
import { cycleEnded, cycleStarted } from '../../sync/progress';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

const now = '2026-11-25T10:00:00.000Z';
const cand = (id: string, lastName: string, ownerRegion = 'twente') =>
  newCandidate({ firstName: 'Jan', lastName, regions: [ownerRegion], ownerRegion, email: `${id}@example.nl` }, { id, user: 'anna', now }) as Candidate;

async function openDb(): Promise<RegiodeskDatabase> {
  const db = await createDatabase(`test_snapshot_${Date.now()}_${dbs.length}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
  dbs.push(db);
  return db;
}

/** A store with candidates, read fully (as a first start does), and its snapshot written. */
async function withSnapshot(ids: string[]) {
  const db = await openDb();
  const idb = new IDBFactory();
  await db.candidates.bulkInsert(ids.map((id, i) => cand(id, `Naam${i}`)));
  const first = new CandidateCache();
  await loadAll(db, first);
  await writeSnapshot(db.name, dataKeyOf(db)!, db.candidates.schema.version, first.all(), idb);
  return { db, idb };
}

const idsOf = (cache: CandidateCache) => cache.all().map((c) => c.id).sort();

describe('list snapshot', () => {
  it('round trip: the candidates come back as they were, with their write times, in chunks', async () => {
    const key = new Uint8Array(32).fill(9);
    const idb = new IDBFactory();
    const docs = Array.from({ length: SNAPSHOT_CHUNK + 3 }, (_, i) => ({ ...cand(`c${i}`, `N${i}`), _meta: { lwt: 1000 + i }, _rev: '1-x', _attachments: {} }) as unknown as Candidate);
    const cp = await writeSnapshot('db1', key, 3, docs, idb);
    expect(cp).toEqual({ lwt: 1000 + SNAPSHOT_CHUNK + 2, id: `c${SNAPSHOT_CHUNK + 2}` });
    const snap = await readSnapshot('db1', key, 3, idb);
    expect(snap?.docs.length).toBe(docs.length);
    expect(snap?.docs[5]).toEqual({ ...cand('c5', 'N5'), _meta: { lwt: 1005 } });
    // Another schema version or database: no snapshot.
    expect(await readSnapshot('db1', key, 4, idb)).toBeNull();
    expect(await readSnapshot('db2', key, 3, idb)).toBeUndefined();
  });

  it('keeps nothing personal in clear at rest', async () => {
    const { db, idb } = await withSnapshot(['a', 'b']);
    const raw = await new Promise<unknown>((resolve, reject) => {
      const req = idb.open('regiodesk-list-snapshots');
      req.onsuccess = () => {
        const get = req.result.transaction('snapshots').objectStore('snapshots').get(db.name);
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      };
    });
    const bytes = (raw as { chunks: ArrayBuffer[] }).chunks.map((c) => new TextDecoder('latin1').decode(c)).join('');
    expect(bytes).not.toContain('Naam0');
    expect(bytes).not.toContain('a@example.nl');
  });

  it('fills the cache from the snapshot when nothing changed since', async () => {
    const { db, idb } = await withSnapshot(['a', 'b', 'c']);
    const cache = new CandidateCache();
    // One bulk insert: all three share their write time; the checkpoint's id keeps them out of "changed since".
    const snap = await readSnapshot(db.name, dataKeyOf(db)!, db.candidates.schema.version, idb);
    expect((await getChangedDocumentsSince(db.candidates.storageInstance, 10, snap!.checkpoint)).documents).toEqual([]);
    expect(await loadFromSnapshot(db, cache, { idb })).toBe('current');
    expect(cache.full).toBe(true);
    expect(idsOf(cache)).toEqual(['a', 'b', 'c']);
    expect(cache.get('b')?.lastName).toBe('Naam1');
  });

  it('applies what changed since the checkpoint: edits, new candidates and deletions', async () => {
    const { db, idb } = await withSnapshot(['a', 'b', 'c']);
    await (await db.candidates.findOne('a').exec())!.incrementalPatch({ place: 'Hengelo' });
    await db.candidates.insert(cand('d', 'Nieuw'));
    await (await db.candidates.findOne('b').exec())!.remove();
    const cache = new CandidateCache();
    expect(await loadFromSnapshot(db, cache, { idb })).toBe('snapshot');
    expect(idsOf(cache)).toEqual(['a', 'c', 'd']);
    expect(cache.get('a')?.place).toBe('Hengelo');
    expect(cache.has('b')).toBe(false);
  });

  it('never shows a purged candidate: a purge it has not seen makes it fall back (and drops it)', async () => {
    const { db, idb } = await withSnapshot(['a', 'b', 'c']);
    // What losing a region does: remove, then purge the deletions at once (no trace for changes-since).
    await (await db.candidates.findOne('c').exec())!.remove();
    await db.candidates.storageInstance.cleanup(0);
    const cache = new CandidateCache();
    expect(await loadFromSnapshot(db, cache, { idb })).toBe('mismatch');
    expect(cache.full).toBe(false);
    expect(await readSnapshot(db.name, dataKeyOf(db)!, db.candidates.schema.version, idb)).toBeUndefined();
  });

  it('falls back when too much changed since (stale)', async () => {
    const { db, idb } = await withSnapshot(['a']);
    await db.candidates.bulkInsert(Array.from({ length: 4 }, (_, i) => cand(`n${i}`, `Nieuw${i}`)));
    const cache = new CandidateCache();
    expect(await loadFromSnapshot(db, cache, { idb, catchUpLimit: 3 })).toBe('stale');
    expect(cache.full).toBe(false);
    expect(await loadFromSnapshot(db, cache, { idb, catchUpLimit: 4 })).toBe('snapshot');
  });

  it('falls back with another key, or a damaged chunk', async () => {
    const db = await openDb();
    await db.candidates.insert(cand('a', 'Bakker'));
    const idb = new IDBFactory();
    const wrong = new Uint8Array(32).fill(1);
    await writeSnapshot(db.name, wrong, db.candidates.schema.version, [{ ...cand('a', 'Bakker'), _meta: { lwt: 1 } } as unknown as Candidate], idb);
    expect(await loadFromSnapshot(db, new CandidateCache(), { idb })).toBe('unreadable');

    await writeSnapshot(db.name, dataKeyOf(db)!, db.candidates.schema.version, [cand('a', 'Bakker')], idb);
    await new Promise<void>((resolve, reject) => {
      const req = idb.open('regiodesk-list-snapshots');
      req.onsuccess = () => {
        const store = req.result.transaction('snapshots', 'readwrite').objectStore('snapshots');
        const get = store.get(db.name);
        get.onsuccess = () => {
          const rec = get.result as { chunks: ArrayBuffer[] };
          new Uint8Array(rec.chunks[0]!)[40]! ^= 1;
          store.put(rec).onsuccess = () => resolve();
        };
        get.onerror = () => reject(get.error);
      };
    });
    expect(await loadFromSnapshot(db, new CandidateCache(), { idb })).toBe('unreadable');
  });

  it('is written again once changes settle, and the next start sees them', async () => {
    const { db, idb } = await withSnapshot(['a']);
    const cache = new CandidateCache();
    await loadFromSnapshot(db, cache, { idb });
    const sub = db.candidates.eventBulks$.subscribe((bulk) =>
      cache.applyChanges(bulk.events.map((ev) => ({ id: ev.documentId, doc: ev.operation === 'DELETE' ? null : (ev.documentData as unknown as Candidate) }))),
    );
    const stop = keepSnapshot(db, cache, { idb, settleMs: 10, current: true });
    await db.candidates.insert(cand('z', 'Later'));
    await expect.poll(async () => (await readSnapshot(db.name, dataKeyOf(db)!, db.candidates.schema.version, idb))?.docs.map((d) => d.id).sort()).toEqual(['a', 'z']);
    stop();
    sub.unsubscribe();
  });
});

describe('list snapshot during a sync', () => {
  it('is not written while a sync cycle runs, and is written once it ends', async () => {
    const { db, idb } = await withSnapshot(['a']);
    const cache = new CandidateCache();
    await loadFromSnapshot(db, cache, { idb });
    const sub = db.candidates.eventBulks$.subscribe((bulk) =>
      cache.applyChanges(bulk.events.map((ev) => ({ id: ev.documentId, doc: ev.operation === 'DELETE' ? null : (ev.documentData as unknown as Candidate) }))),
    );
    cycleStarted();
    const stop = keepSnapshot(db, cache, { idb, settleMs: 10, current: true });
    try {
      await db.candidates.insert(cand('z', 'Later'));
      await expect.poll(() => cache.has('z')).toBe(true);
      // Many settle periods pass: the pull is still running, so the old snapshot stays.
      await new Promise((r) => setTimeout(r, 200));
      expect((await readSnapshot(db.name, dataKeyOf(db)!, db.candidates.schema.version, idb))?.docs.map((d) => d.id)).toEqual(['a']);
      cycleEnded();
      await expect.poll(async () => (await readSnapshot(db.name, dataKeyOf(db)!, db.candidates.schema.version, idb))?.docs.map((d) => d.id).sort()).toEqual(['a', 'z']);
    } finally {
      cycleEnded();
      stop();
      sub.unsubscribe();
    }
  });
});

describe('interning', () => {
  it('pools repeated strings without changing any value', async () => {
    const { internCandidate } = await import('./intern');
    const make = () => JSON.parse(JSON.stringify({ ...cand('x', 'Bakker'), source: 'onderwijsloket-extra', sectors: ['voortgezet-onderwijs'] })) as Candidate;
    const a = make();
    const b = make();
    const before = JSON.stringify(b);
    internCandidate(a);
    internCandidate(b);
    expect(JSON.stringify(b)).toBe(before);
    expect(b).toEqual(a);
  });
});
