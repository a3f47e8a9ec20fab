import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  correctNote, expandClocks, newNote, newReferral, NOTE_SCHEMA_VERSION, REFERRAL_SCHEMA_VERSION, SAVED_VIEW_SCHEMA_VERSION, SAVED_VIEW_TYPE, type Note, type SavedView,
} from '../../shared';
import { memoryStore } from '../app/session';
import { resetDeviceClock } from '../sync/clock';
import { newDataKey } from './cipher';
import { createDatabase } from './database';
import { wrappedEncryptedStorage } from './encryption';
import { BEFORE_FIELD_CLOCKS, beforeFieldClocks } from './schema-history';

/**
 * Field clocks for notes, referrals and saved views bumped their schema versions (identity
 * migrations): a laptop holding documents of the previous versions, which have no clocks, must
 * upgrade without losing or reviving any, keep them as they were, and stamp them from their
 * next local write on.
 */
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const NOW = '2026-11-25T10:00:00.000Z';
const open: { close(): Promise<unknown> }[] = [];
beforeEach(() => resetDeviceClock(memoryStore()));
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

const notes = Array.from({ length: 12 }, (_, i) =>
  newNote({ candidateId: `cand${i % 4}`, visibility: i % 3 ? 'shared' : 'region', region: 'twente', text: `Notitie ${i}`, kind: 'gesprek' }, { suffix: `n${i}`, user: 'anna', now: NOW }),
);
const referrals = Array.from({ length: 4 }, (_, i) =>
  newReferral({ candidateId: `cand${i}`, kind: i % 2 ? 'link' : 'referral', fromRegion: 'twente', toRegion: 'utrecht', reason: `Reden ${i}`, name: `Naam ${i}` }, { suffix: 'r1', user: 'anna', now: NOW }),
);
const views: SavedView[] = Array.from({ length: 3 }, (_, i) => ({
  id: `view-${i}`, type: SAVED_VIEW_TYPE, name: `Weergave ${i}`, owner: 'anna', region: 'twente', shared: i !== 0,
  spec: { phases: ['nieuw'], filter: { combinator: 'and', rules: [{ field: 'place', op: 'eq', value: 'Enschede' }] }, sort: [], columns: ['lastName'], mode: 'table' },
  createdAt: NOW, updatedAt: NOW, updatedBy: 'anna',
}));

/** The database as the previous app left it: the versions without field clocks, encrypted at rest. */
async function previousApp(name: string, key: Uint8Array): Promise<void> {
  const old: RxDatabase = await createRxDatabase({
    name, storage: wrappedValidateAjvStorage({ storage: wrappedEncryptedStorage({ storage: storage(), key }) }), multiInstance: false, localDocuments: true,
  });
  open.push(old);
  await old.addCollections({ notes: beforeFieldClocks('notes'), referrals: beforeFieldClocks('referrals'), savedViews: beforeFieldClocks('savedViews') });
  expect(old.notes!.schema.version).toBe(BEFORE_FIELD_CLOCKS.notes);
  expect(old.notes!.schema.jsonSchema.properties).not.toHaveProperty('fieldClocks');
  // The previous app's own writes: no clocks (its schema has no room for them).
  await expect(old.savedViews!.insert({ ...views[0]!, id: 'view-x', fieldClocks: { name: '001795000000000-00000-a' } })).rejects.toThrow();
  await old.notes!.bulkInsert(notes);
  await old.referrals!.bulkInsert(referrals);
  await old.savedViews!.bulkInsert(views);
  // Deleted documents must stay deleted after the upgrade.
  await (await old.notes!.findOne(notes[11]!.id).exec())!.remove();
  await (await old.referrals!.findOne(referrals[3]!.id).exec())!.remove();
  await (await old.savedViews!.findOne('view-2').exec())!.remove();
  await old.close();
}

const plain = (doc: { toJSON(): unknown } | null) => {
  if (!doc) return null;
  const { _meta, _rev, _attachments, _deleted, ...rest } = doc.toJSON() as Record<string, unknown>;
  void [_meta, _rev, _attachments, _deleted];
  return rest;
};

describe('upgrade to notes, referrals and saved views with field clocks', () => {
  it('keeps every document as it was, deleted ones deleted, and stamps from the next local write on', async () => {
    const name = `clockmig${Date.now()}`;
    const key = newDataKey();
    await previousApp(name, key);

    const db = await createDatabase(name, { storage: storage(), multiInstance: false, key });
    open.push(db);
    expect([db.notes.schema.version, db.referrals.schema.version, db.savedViews.schema.version]).toEqual([NOTE_SCHEMA_VERSION, REFERRAL_SCHEMA_VERSION, SAVED_VIEW_SCHEMA_VERSION]);
    expect(NOTE_SCHEMA_VERSION).toBeGreaterThan(BEFORE_FIELD_CLOCKS.notes);
    expect(SAVED_VIEW_SCHEMA_VERSION).toBeGreaterThan(BEFORE_FIELD_CLOCKS.savedViews);

    // Every live document, decrypted and unchanged (no clocks made up for them); the deleted ones stay gone.
    for (const n of notes.slice(0, 11)) expect(plain(await db.notes.findOne(n.id).exec())).toEqual(n);
    for (const r of referrals.slice(0, 3)) expect(plain(await db.referrals.findOne(r.id).exec())).toEqual(r);
    for (const v of views.slice(0, 2)) expect(plain(await db.savedViews.findOne(v.id).exec())).toEqual(v);
    expect(await db.notes.findOne(notes[11]!.id).exec()).toBeNull();
    expect(await db.referrals.findOne(referrals[3]!.id).exec()).toBeNull();
    expect(await db.savedViews.findOne('view-2').exec()).toBeNull();
    expect(await db.notes.count().exec()).toBe(11);
    expect((await db.notes.find({ selector: { candidateId: 'cand1' } }).exec()).map((d) => d.text).sort()).toEqual(['Notitie 1', 'Notitie 5', 'Notitie 9']);
    expect((await db.referrals.find({ selector: { toRegion: 'utrecht', status: 'open' } }).exec()).map((d) => d.id).sort()).toEqual([referrals[0]!.id, referrals[2]!.id]);

    // The next local write stamps the fields it changes (and only those: nothing else was edited).
    const note = (await db.notes.findOne(notes[0]!.id).exec())!;
    await note.incrementalModify((cur) => correctNote(cur as Note, 'Notitie 0, verbeterd', 'anna', '2026-11-26T09:00:00.000Z'));
    expect(Object.keys(expandClocks((await db.notes.findOne(notes[0]!.id).exec())!.toJSON())).sort()).toEqual(['history', 'text']);
    const view = (await db.savedViews.findOne('view-1').exec())!;
    await view.incrementalPatch({ name: 'Hernoemd', updatedAt: '2026-11-26T09:00:00.000Z' });
    expect(Object.keys(expandClocks((await db.savedViews.findOne('view-1').exec())!.toJSON()))).toEqual(['name']);
    // A deletion of an upgraded document carries the clock of existence; a new document every clock.
    await (await db.referrals.findOne(referrals[1]!.id).exec())!.remove();
    const [stone] = await db.referrals.storageInstance.findDocumentsById([referrals[1]!.id], true);
    expect(Object.keys(expandClocks(stone as unknown as Record<string, unknown>))).toEqual(['_deleted']);
    const fresh = await db.savedViews.insert({ ...views[1]!, id: 'view-9' });
    expect(Object.keys(expandClocks(fresh.toJSON())).sort()).toEqual(['_deleted', 'name', 'owner', 'region', 'shared', 'spec']);

    // A second start has nothing left to migrate and reads the same.
    await db.close();
    const again = await createDatabase(name, { storage: storage(), multiInstance: false, key });
    open.push(again);
    expect(await again.notes.count().exec()).toBe(11);
    expect(plain(await again.savedViews.findOne('view-0').exec())).toEqual(views[0]);
  });
});
