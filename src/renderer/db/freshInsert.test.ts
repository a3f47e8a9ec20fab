import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { newCandidate, type Candidate } from '../../shared';
import { createDatabase, type RegiodeskDatabase } from './database';
import { newDataKey } from './cipher';
import { ENCRYPTED_FIELD } from './encryption';
import { fromStorageToDexie } from 'rxdb/plugins/storage-dexie';
import { freshInserts, toDexie } from './freshInsert';
import { readIndexedDb } from './testing';

const NOW = '2026-11-25T10:00:00.000Z';
let n = 0;
const open: RegiodeskDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.remove().catch(() => undefined);
});

async function make(): Promise<RegiodeskDatabase> {
  const db = await createDatabase(`fresh${++n}x${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false, key: newDataKey() });
  open.push(db);
  return db;
}

const candidate = (id: string, lastName: string): Candidate =>
  newCandidate({ firstName: 'Sanne', lastName, email: `${id}@example.nl`, sectors: ['po'], regions: ['twente'], ownerRegion: 'twente' }, { id, user: 'anna', now: NOW });

describe('inserting new documents without reading their ids first', () => {
  it('adds a bulk of new documents in one go, sealed, with the change events the collection and its queries follow', async () => {
    const db = await make();
    const seen: string[] = [];
    const sub = db.candidates.$.subscribe((e) => seen.push(e.documentId));
    const query = db.candidates.find({ selector: { ownerRegion: 'twente' } });
    expect(await query.exec()).toHaveLength(0);
    const before = { ...freshInserts };

    const res = await db.candidates.bulkInsert([candidate('c1', 'Jansen'), candidate('c2', 'de Vries'), candidate('c3', 'Bakker')]);
    sub.unsubscribe();

    expect(res.error).toEqual([]);
    expect(freshInserts.added - before.added).toBe(1);
    expect(freshInserts.fellBack - before.fellBack).toBe(0);
    expect(seen.sort()).toEqual(['c1', 'c2', 'c3']);
    expect((await query.exec()).map((d) => d.lastName).sort()).toEqual(['Bakker', 'Jansen', 'de Vries']);
    // Stored as the storage stores them: the personal fields sealed, nothing in plain text.
    const raw = (await readIndexedDb(indexedDB, db.name)).flatMap((s) => s.rows as Record<string, unknown>[]).filter((r) => r.id === 'c2');
    expect(raw).toHaveLength(1);
    expect(typeof raw[0]![ENCRYPTED_FIELD]).toBe('string');
    expect(JSON.stringify(raw)).not.toContain('de Vries');
    // Written through RxDB as usual, so an update afterwards works on the stored revision.
    await (await db.candidates.findOne('c2').exec())!.incrementalPatch({ lastName: 'Visser' });
    expect((await db.candidates.findOne('c2').exec())!.lastName).toBe('Visser');
  });

  it('never overwrites a stored document: a bulk with one taken id writes nothing itself, and the storage then refuses only that one', async () => {
    const db = await make();
    await db.candidates.insert(candidate('taken', 'Eerste'));
    const before = { ...freshInserts };
    const events: string[] = [];
    const sub = db.candidates.$.subscribe((e) => events.push(`${e.operation} ${e.documentId}`));

    const res = await db.candidates.bulkInsert([candidate('n1', 'Nieuw'), candidate('taken', 'Tweede'), candidate('n2', 'Nieuw')]);
    sub.unsubscribe();

    expect(freshInserts.fellBack - before.fellBack).toBe(1);
    expect(res.error.map((e) => [e.documentId, e.status])).toEqual([['taken', 409]]);
    expect((await db.candidates.findOne('taken').exec())!.lastName).toBe('Eerste');
    expect((await db.candidates.findByIds(['n1', 'n2']).exec()).size).toBe(2);
    // One event per written document: the aborted add emitted nothing.
    expect(events.sort()).toEqual(['INSERT n1', 'INSERT n2']);
  });

  it('inserts again under the id of a removed document as before (through the storage’s own way)', async () => {
    const db = await make();
    const doc = await db.candidates.insert(candidate('again', 'Weg'));
    await doc.remove();
    await db.candidates.insert(candidate('again', 'Terug'));
    expect((await db.candidates.findOne('again').exec())!.lastName).toBe('Terug');
  });

  it('stores what the Dexie storage’s own conversion would store', () => {
    const doc = { ...candidate('c9', 'Smit'), _deleted: false, _rev: '1-a', _attachments: {}, _meta: { lwt: 1 } } as unknown as Record<string, unknown>;
    expect(toDexie(['_deleted'], doc)).toEqual(fromStorageToDexie(['_deleted'], doc as never));
    expect(toDexie(['_deleted'], { ...doc, _deleted: true })).toEqual(fromStorageToDexie(['_deleted'], { ...doc, _deleted: true } as never));
    const piped = { ...doc, extra: { '|odd': 1, list: [{ '|deep': 2 }] } };
    expect(toDexie(['_deleted'], piped)).toEqual(fromStorageToDexie(['_deleted'], piped as never));
    expect(JSON.stringify(toDexie(['_deleted'], piped))).not.toContain('|');
  });
});
