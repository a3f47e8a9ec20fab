// @vitest-environment node
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION_TYPE, REFERENCE_REGION, regionNoteId, type Organisation } from '../../../shared';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../../../sync-server/testing';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { kindOf, pushModifierFor } from '../../sync/modifiers';
import { regionNoteOf, saveRegionNote } from './regionNote';

const now = '2026-11-25T10:00:00.000Z';
const school: Organisation = { id: 'duo-11CD01', type: ORGANISATION_TYPE, name: 'Kindcentrum Oriënt', kind: 'school', source: 'duo', brin: '11CD', vestiging: '01', region: REFERENCE_REGION, createdAt: now, createdBy: 'import', updatedAt: now, updatedBy: 'import' };
const own: Organisation = { id: 'org-gemeente', type: ORGANISATION_TYPE, name: 'Gemeente Oldenzaal', kind: 'overig', source: 'region', region: 'twente', createdAt: now, createdBy: 'anna', updatedAt: now, updatedBy: 'anna' };

const strip = (o: Organisation) => {
  const { id, ...rest } = o as Organisation & Record<string, unknown>;
  delete rest._meta, delete rest._rev, delete rest._attachments, delete rest._deleted;
  return { _id: id, ...rest };
};

describe("a region's note about an organisation", () => {
  let server: TestServer;
  let db: RegiodeskDatabase;
  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoSize: 2 });
    db = await createDatabase(`regionnote${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
    await db.organisations.bulkInsert([school, own]);
  });
  afterAll(async () => {
    await db?.remove();
    await server?.close();
  });
  const http = (user: string, password: string) => async (method: string, path: string, body?: unknown) =>
    fetch(server.url + path, { method, headers: { authorization: basicAuth(user, password), 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const anna = http('anna', 'regiodesk');
  const bram = http('bram', 'regiodesk');
  const admin = http('admin', TEST_ADMIN_PASSWORD);

  it('on a reference organisation: a document in the region, which the server keeps there and no other region gets', async () => {
    expect(await saveRegionNote(db, school, 'twente', 'anna', '  Directeur wil zij-instromers in groep 5.  ')).toBeNull();
    const all = (await db.organisations.find().exec()).map((d) => d.toJSON() as Organisation);
    const { text, doc } = regionNoteOf(school, 'twente', all);
    expect(text).toBe('Directeur wil zij-instromers in groep 5.');
    expect(doc).toMatchObject({ id: regionNoteId('twente', school.id), about: school.id, region: 'twente', source: 'region' });
    // The reference organisation itself is untouched, and the note is no note of another region.
    expect(all.find((o) => o.id === school.id)!.note).toBeUndefined();
    expect(regionNoteOf(school, 'utrecht', all).text).toBe('');

    // Replication pushes it through the region's own replication only (a user of twente and utrecht).
    const kind = kindOf('organisation')!;
    expect(pushModifierFor('twente', ['twente', 'utrecht'], kind)(doc!)).not.toBeNull();
    expect(pushModifierFor('utrecht', ['twente', 'utrecht'], kind)(doc!)).toBeNull();

    // The server accepts it in the region's database...
    const put = await anna('PUT', `/region-twente/${encodeURIComponent(doc!.id)}`, strip(doc!));
    expect(put.status).toBe(201);
    // ...and never in the reference database: not from a region (the guard), and not even from an
    // administrator dressing it up as reference data (the shared schema: a note is a region's).
    expect((await anna('PUT', `/reference/${encodeURIComponent(doc!.id)}`, strip(doc!))).status).toBe(403);
    const asReference = await admin('PUT', `/reference/${encodeURIComponent(doc!.id)}`, { ...strip(doc!), region: REFERENCE_REGION, source: 'duo' });
    expect(asReference.status).toBe(403);
    expect(await asReference.json()).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/about regionNoteInReference/) });
    // Another region's user cannot read it, and her region has nothing of it.
    expect((await bram('GET', `/region-twente/${encodeURIComponent(doc!.id)}`)).status).toBe(403);
    const utrecht = (await (await bram('GET', '/region-utrecht/_all_docs?include_docs=true')).json()) as { rows: { doc: Record<string, unknown> }[] };
    expect(utrecht.rows.filter((r) => r.doc.about !== undefined || String(r.doc.note ?? '').includes('zij-instromers'))).toEqual([]);
    const reference = (await (await admin('GET', '/reference/_all_docs?include_docs=true')).json()) as { rows: { doc: Record<string, unknown> }[] };
    expect(reference.rows.filter((r) => r.doc.about !== undefined)).toEqual([]);
  });

  it('a note marked as reference data is refused in a region too', async () => {
    const bad = { _id: 'about-twente-x', type: ORGANISATION_TYPE, name: 'x', kind: 'school', source: 'duo', about: 'duo-x', region: 'twente', createdAt: now, createdBy: 'anna', updatedAt: now, updatedBy: 'anna' };
    const res = await anna('PUT', '/region-twente/about-twente-x', bad);
    // The shared schema's rule, checked by the server on every write.
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'forbidden', reason: 'about: regionNoteInReference' });
  });

  it("edits and clears a note; on the region's own organisation it is the organisation's note", async () => {
    expect(await saveRegionNote(db, school, 'twente', 'anna', 'Tweede versie')).toBeNull();
    expect((await db.organisations.findOne(regionNoteId('twente', school.id)).exec())!.note).toBe('Tweede versie');
    expect(await saveRegionNote(db, school, 'twente', 'anna', '   ')).toBeNull();
    expect(await db.organisations.findOne(regionNoteId('twente', school.id)).exec()).toBeNull();

    expect(await saveRegionNote(db, own, 'twente', 'anna', 'Wethouder denkt mee')).toBeNull();
    expect((await db.organisations.findOne(own.id).exec())!.note).toBe('Wethouder denkt mee');
    expect(await db.organisations.count().exec()).toBe(2);
    // Too long: an error for the field, nothing written.
    expect(await saveRegionNote(db, school, 'twente', 'anna', 'x'.repeat(2001))).toEqual({ note: 'tooLong' });
    expect(await db.organisations.findOne(regionNoteId('twente', school.id)).exec()).toBeNull();
  });
});
