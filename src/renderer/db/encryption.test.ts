import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { candidateMigrations, candidateRxSchema, newCandidate, newNote, noteRxSchema, type Candidate } from '../../shared';
import { createDatabase, type RegiodeskDatabase } from './database';
import { DataKeyError, newDataKey } from './cipher';
import { decryptDocument, decryptionStats, ENCRYPTED_FIELD } from './encryption';
import { readIndexedDb } from './testing';

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const NOW = '2026-11-25T10:00:00.000Z';
let n = 0;
const open: RegiodeskDatabase[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

async function make(name: string, key: Uint8Array): Promise<RegiodeskDatabase> {
  const db = await createDatabase(name, { storage: storage(), multiInstance: false, key });
  open.push(db);
  return db;
}

function candidate(id: string, lastName: string, email: string): Candidate {
  return newCandidate(
    { firstName: 'Geheimvoornaam', lastName, email, phone: '0612345678', motivation: 'Wil graag lesgeven', sectors: ['po'], regions: ['twente'], ownerRegion: 'twente' },
    { id, user: 'anna', now: NOW },
  );
}

/** Every record of every IndexedDB database whose name holds `name`, read past RxDB and Dexie. */
async function rawRecords(name: string): Promise<Record<string, unknown>[]> {
  return (await readIndexedDb(indexedDB, name)).flatMap((s) => s.rows as Record<string, unknown>[]);
}

describe('personal fields encrypted at rest', () => {
  it('stores no plaintext name, e-mail or note text, and the key decrypts the records', async () => {
    const name = `enc${++n}x${Date.now()}`;
    const key = newDataKey();
    const db = await make(name, key);
    await db.candidates.insert(candidate('cand0001', 'Vanderplasje', 'uniek.adres@example.nl'));
    await db.notes.insert(newNote({ candidateId: 'cand0001', visibility: 'shared', region: 'twente', text: 'Belde over zijn zoontje Pietertje' }, { suffix: 'a1', user: 'anna', now: NOW }));

    // Replication keeps the state it assumes the server has (whole documents) in a meta store.
    const pushed: unknown[] = [];
    const replication = replicateRxCollection({ collection: db.candidates, replicationIdentifier: 'test-push', live: false, push: { handler: async (rows) => (pushed.push(...rows), []) } });
    await replication.awaitInitialReplication();
    await replication.cancel();
    expect(pushed).toHaveLength(1);

    const raw = await rawRecords(name);
    const dump = JSON.stringify(raw);
    expect(raw.some((r) => r.itemId === 'cand0001')).toBe(true); // the meta record is there, sealed
    expect(dump).toContain('cand0001'); // the records are there ...
    for (const secret of ['Vanderplasje', 'Geheimvoornaam', 'uniek.adres', '0612345678', 'lesgeven', 'Pietertje']) expect(dump).not.toContain(secret); // ... but no plaintext

    const stored = raw.find((r) => r.id === 'cand0001' && ENCRYPTED_FIELD in r)!;
    expect(stored.phase).toBe('nieuw'); // plain fields stay plain for indexes
    expect(decryptDocument(key, stored, 'id')).toMatchObject({ lastName: 'Vanderplasje', email: 'uniek.adres@example.nl' });
    expect(() => decryptDocument(newDataKey(), stored, 'id')).toThrow(DataKeyError);
    // A ciphertext moved to another document does not decrypt (the id is associated data).
    expect(() => decryptDocument(key, { ...stored, id: 'cand0002' }, 'id')).toThrow(DataKeyError);

    expect((await db.candidates.findOne('cand0001').exec())?.lastName).toBe('Vanderplasje');
  });

  it('hands a large write back through the change stream without decrypting it (a sync batch of 5,000)', async () => {
    const db = await make(`enc-echo-${n++}`, newDataKey());
    const docs = Array.from({ length: 5000 }, (_, i) => candidate(`echo-${i}`, `Achternaam${i}`, `p${i}@example.nl`));
    const seen = new Map<string, string>();
    const sub = db.candidates.eventBulks$.subscribe((bulk) => {
      for (const ev of bulk.events) seen.set(ev.documentId, (ev.documentData as unknown as Candidate).lastName);
    });
    const before = decryptionStats.opened;
    await db.candidates.bulkInsert(docs);
    while (seen.size < docs.length) await new Promise((r) => setTimeout(r, 10));
    sub.unsubscribe();
    expect(decryptionStats.opened - before).toBe(0);
    expect(seen.get('echo-4999')).toBe('Achternaam4999');
  });

  it('refuses to open with another key, with a clear error, and leaves the data readable', async () => {
    const name = `enc${++n}x${Date.now()}`;
    const key = newDataKey();
    const db = await make(name, key);
    await db.candidates.insert(candidate('cand0001', 'Bewaard', 'b@example.nl'));
    await db.close();
    await expect(make(name, newDataKey())).rejects.toThrow(/cannot be decrypted with this key/);
    const again = await make(name, key);
    expect((await again.candidates.findOne('cand0001').exec())?.lastName).toBe('Bewaard');
  });

  it('answers selectors and sorts on encrypted fields in memory, with paging', async () => {
    const db = await make(`enc${++n}x${Date.now()}`, newDataKey());
    await db.candidates.bulkInsert([candidate('c3', 'Zwart', 'z@example.nl'), candidate('c1', 'Appel', 'a@example.nl'), candidate('c2', 'Mol', 'm@example.nl')]);
    expect((await db.candidates.find({ selector: { email: 'm@example.nl' } }).exec()).map((d) => d.id)).toEqual(['c2']);
    expect((await db.candidates.find({ selector: { ownerRegion: 'twente', lastName: { $regex: '^[AM]' } } }).exec()).map((d) => d.id).sort()).toEqual(['c1', 'c2']);
    expect((await db.candidates.find({ sort: [{ lastName: 'asc' }], skip: 1, limit: 1 }).exec()).map((d) => d.lastName)).toEqual(['Mol']);
    expect((await db.candidates.find({ selector: { $or: [{ email: 'z@example.nl' }, { lastName: 'Appel' }] } }).exec()).length).toBe(2);
  });
});

describe('migration of a plaintext database', () => {
  it('opens a database made with the previous schemas, re-writes it encrypted and keeps the data', async () => {
    const name = `encmig${++n}x${Date.now()}`;
    // The schemas as they were before encryption: candidate v2 indexed by lastName, note v0.
    const oldCandidate = { ...candidateRxSchema, version: 2, indexes: ['updatedAt', ['ownerRegion', 'phase', 'lastName'], ['phase', 'updatedAt']] };
    const oldNote = { ...noteRxSchema, version: 0 };
    const old = await createRxDatabase({ name, storage: wrappedValidateAjvStorage({ storage: storage() }), multiInstance: false, localDocuments: true });
    await old.addCollections({
      candidates: { schema: oldCandidate as unknown as RxJsonSchema<Candidate>, migrationStrategies: { 1: candidateMigrations[1]!, 2: candidateMigrations[2]! } },
      notes: { schema: oldNote as unknown as RxJsonSchema<unknown> },
    });
    await old.candidates!.insert(candidate('old00001', 'Oudplaintekst', 'oud@example.nl'));
    await old.notes!.insert(newNote({ candidateId: 'old00001', visibility: 'shared', region: 'twente', text: 'Oude notitietekst' }, { suffix: 'b1', user: 'anna', now: NOW }));
    expect(JSON.stringify(await rawRecords(name))).toContain('Oudplaintekst'); // the test can fail
    await old.close();

    const key = newDataKey();
    const db = await make(name, key);
    expect((await db.candidates.findOne('old00001').exec())?.toJSON()).toMatchObject({ lastName: 'Oudplaintekst', email: 'oud@example.nl' });
    expect((await db.notes.find().exec()).map((d) => d.text)).toEqual(['Oude notitietekst']);
    const dump = JSON.stringify(await rawRecords(name));
    expect(dump).toContain('old00001');
    for (const secret of ['Oudplaintekst', 'oud@example.nl', 'notitietekst']) expect(dump).not.toContain(secret);
  });
});
