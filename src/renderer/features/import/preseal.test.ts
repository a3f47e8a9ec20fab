import { readFileSync } from 'node:fs';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultValueMaps, matchHeaders, planImport, withChoice, type Candidate, type Note } from '../../../shared';
import { parseImportFile } from '../../../shared/import/parse';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { newDataKey } from '../../db/cipher';
import { decryptDocument, ENCRYPTED_FIELD, offerSealed, sealingKeyOf, withdrawSealed, type SealedOffer } from '../../db/encryption';
import { readIndexedDb } from '../../db/testing';
import { writeBatch } from './batch';
import { sealAhead } from './preseal';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

let n = 0;
async function open(): Promise<RegiodeskDatabase> {
  const db = await createDatabase(`test_preseal_${Date.now()}_${++n}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: true, multiInstance: false });
  dbs.push(db);
  return db;
}

async function items(): Promise<{ candidate: Candidate; notes: Note[] }[]> {
  const bytes = new Uint8Array(readFileSync(new URL('../../../../test-fixtures/import/airtable-kandidaten.csv', import.meta.url)));
  const table = await parseImportFile(bytes, 'airtable-kandidaten.csv');
  let seq = 0;
  const plan = planImport(table, matchHeaders(table.headers), withChoice(defaultValueMaps(), 'phase', 'wachtlijst', 'on_hold'), [], {
    region: 'twente', user: 'anna', now: '2026-11-25T10:00:00.000Z', fileName: 'airtable-kandidaten.csv', newId: () => `pre${n}-${++seq}`,
  });
  return plan.rows.filter((r) => r.status === 'ok').map((r) => ({ candidate: r.candidate!, notes: r.notes! }));
}

/** The `_enc` of every stored record by id, read from IndexedDB past RxDB. */
async function storedCiphertexts(db: RegiodeskDatabase): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of await readIndexedDb(indexedDB, db.name)) for (const r of s.rows as Record<string, unknown>[]) if (typeof r[ENCRYPTED_FIELD] === 'string') out.set(String(r.id), r[ENCRYPTED_FIELD] as string);
  return out;
}

const opts = { fileName: 'x.csv', user: 'anna', region: 'twente', now: '2026-11-25T10:00:00.000Z', counts: { duplicatesImported: 0, duplicatesSkipped: 0, rejected: 0 }, chunkSize: 3 };

describe('sealing ahead of the import write', () => {
  it('stores the ciphertexts sealed ahead, and they open to the same documents', async () => {
    const db = await open();
    const key = sealingKeyOf(db.name)!;
    expect(key).toBeInstanceOf(Uint8Array);
    const list = await items();
    const offered: SealedOffer[] = [];
    await writeBatch(db, list, {
      ...opts, batchId: 'p1',
      prepare: async (chunk) => {
        const sealed = sealAhead(key, chunk);
        offered.push(...sealed);
        offerSealed(key, sealed);
      },
    });
    withdrawSealed(key);
    const stored = await storedCiphertexts(db);
    const notes = list.flatMap((x) => x.notes);
    expect(offered).toHaveLength(list.length + notes.length);
    // Every candidate and note lies at rest under exactly the ciphertext sealed ahead.
    for (const o of offered) expect(stored.get(o.id)).toBe(o.text);
    // And they open under the database's key to the documents' own personal fields (read past RxDB's caches).
    const raw = (await readIndexedDb(indexedDB, db.name)).flatMap((s) => s.rows as Record<string, unknown>[]);
    for (const { candidate } of list) {
      const record = raw.find((r) => r.id === candidate.id && typeof r[ENCRYPTED_FIELD] === 'string')!;
      expect(record.lastName).toBeUndefined();
      expect(decryptDocument(key, record, 'id')).toMatchObject({ firstName: candidate.firstName, lastName: candidate.lastName, ...(candidate.email ? { email: candidate.email } : {}) });
    }
    const laura = await db.candidates.findOne({ selector: { email: 'laura@voorbeeld.nl' } }).exec();
    expect(laura?.lastName).toBeTruthy();
    expect((await db.notes.find().exec()).map((x) => x.text).sort()).toEqual(notes.map((x) => x.text).sort());
  });

  it('seals itself when an offer does not match the document or was made under another key', async () => {
    const db = await open();
    const key = sealingKeyOf(db.name)!;
    const list = (await items()).slice(0, 2);
    const [a, b] = list.map((x) => x.candidate);
    // A stale offer (the document changed since it was sealed) and one sealed under another key object.
    const stale = sealAhead(key, [{ candidate: { ...a!, lastName: 'Anders' }, notes: [] }]);
    const foreign = sealAhead(newDataKey(), [{ candidate: b!, notes: [] }]);
    offerSealed(key, stale);
    offerSealed(new Uint8Array(key), foreign);
    await writeBatch(db, list.map((x) => ({ ...x, notes: [] })), { ...opts, batchId: 'p2' });
    withdrawSealed(key);
    const stored = await storedCiphertexts(db);
    expect(stored.get(a!.id)).not.toBe(stale[0]!.text);
    expect(stored.get(b!.id)).not.toBe(foreign[0]!.text);
    expect((await db.candidates.findOne(a!.id).exec())?.lastName).toBe(a!.lastName);
    expect((await db.candidates.findOne(b!.id).exec())?.lastName).toBe(b!.lastName);
  });

  it('writes everything when the sealing ahead fails', async () => {
    const db = await open();
    const list = await items();
    const batch = await writeBatch(db, list, { ...opts, batchId: 'p3', prepare: () => Promise.reject(new Error('worker gone')) });
    expect(batch.status).toBe('done');
    expect(await db.candidates.count().exec()).toBe(list.length);
  });
});
