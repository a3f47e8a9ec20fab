import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { newCandidate, type Candidate } from '../../shared';
import { createDatabase, type RegiodeskDatabase } from './database';
import { newDataKey, open as openBox } from './cipher';
import { decryptDocument, encryptDocument, ENCRYPTED_FIELD, META_DOC_PART } from './encryption';
import { readIndexedDb } from './testing';

const NOW = '2026-11-25T10:00:00.000Z';
let n = 0;
const opened: RegiodeskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close().catch(() => undefined);
});

function candidate(id: string): Candidate {
  return newCandidate(
    { firstName: 'Geheimvoornaam', lastName: 'Vanderplasje', email: 'uniek.adres@example.nl', phone: '0612345678', motivation: 'Wil graag lesgeven', sectors: ['po'], regions: ['twente'], ownerRegion: 'twente' },
    { id, user: 'anna', now: NOW },
  );
}

/** Pushes the collection once through a replication that keeps its meta records; returns what it pushed. */
async function pushOnce(db: RegiodeskDatabase, id: string): Promise<unknown[]> {
  const pushed: unknown[] = [];
  const replication = replicateRxCollection({ collection: db.candidates, replicationIdentifier: id, live: false, push: { handler: async (rows) => (pushed.push(...rows), []) } });
  await replication.awaitInitialReplication();
  await replication.cancel();
  return pushed;
}

describe('replication meta records: only the personal fields of the document they hold are sealed', () => {
  it('keeps the plain fields of docData plain, seals only the personal ones, and reads back the whole document', async () => {
    const name = `meta${++n}x${Date.now()}`;
    const key = newDataKey();
    const db = await createDatabase(name, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false, key });
    opened.push(db);
    await db.candidates.insert(candidate('cand0001'));
    expect(await pushOnce(db, 'meta-test')).toHaveLength(1);

    const raw = (await readIndexedDb(indexedDB, name)).flatMap((s) => s.rows as Record<string, unknown>[]);
    const meta = raw.find((r) => r.itemId === 'cand0001')!;
    expect(meta).toBeDefined();
    // At rest: the document's plain fields in docData, no personal value anywhere in the record.
    const stored = meta.docData as Record<string, unknown>;
    expect(stored).toMatchObject({ id: 'cand0001', type: 'candidate', ownerRegion: 'twente' });
    const dump = JSON.stringify(meta);
    for (const secret of ['Vanderplasje', 'Geheimvoornaam', 'uniek.adres', '0612345678', 'lesgeven']) expect(dump).not.toContain(secret);
    // The box holds the personal fields only (not the whole document with its field clocks).
    const box = JSON.parse(openBox(key, meta[ENCRYPTED_FIELD] as string, String(meta.id))) as Record<string, Record<string, unknown>>;
    expect(Object.keys(box)).toEqual([META_DOC_PART]);
    expect(Object.keys(box[META_DOC_PART]!).sort()).toEqual(['email', 'firstName', 'lastName', 'motivation', 'phone']);
    // Read back: the whole document, as the collection holds it.
    const back = decryptDocument(key, meta, 'id').docData as Record<string, unknown>;
    const doc = (await db.candidates.findOne('cand0001').exec())!.toMutableJSON() as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(doc)) if (!field.startsWith('_')) expect(back[field], field).toEqual(value);

    // The replication reads it as the server's state: a second run finds nothing to push.
    expect(await pushOnce(db, 'meta-test')).toHaveLength(0);
    // And a changed document is pushed again (the comparison does not just say "equal").
    await (await db.candidates.findOne('cand0001').exec())!.incrementalPatch({ place: 'Borne', updatedAt: '2026-11-25T11:00:00.000Z' });
    expect(await pushOnce(db, 'meta-test')).toHaveLength(1);
  });

  it('still reads a meta record sealed whole (as written before)', () => {
    const key = newDataKey();
    const docData = { ...candidate('cand0002'), _deleted: false } as unknown as Record<string, unknown>;
    const record = { id: 'cand0002|0', itemId: 'cand0002', isCheckpoint: '0', docData, _deleted: false, _rev: '1-a', _meta: { lwt: 1 }, _attachments: {} };
    const old = encryptDocument(key, record, ['docData'], 'id');
    expect(old.docData).toBeUndefined();
    expect(decryptDocument(key, old, 'id').docData).toEqual(docData);
  });
});
