import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { newNote, newReferral, regionDbName, SAVED_VIEW_TYPE, type SavedView } from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { beforeFieldClocks } from '../../src/renderer/db/schema-history';
import { installFieldClocks, resetDeviceClock } from '../../src/renderer/sync/clock';
import { DEMO_PASSWORD } from '../demo/load';
import { startTestServer, type TestServer } from '../testing';
import { sessionCookie } from './child-server';
import { replicateRegion, rxClient, type AnyDb } from './rx-client';

/**
 * The server validates with the shared schemas, so it accepts field clocks on notes, referrals
 * and saved views once it runs this version (an older server refused them: deploy the server
 * first). It still accepts documents without clocks, as the previous app version writes them,
 * and refuses malformed clocks with a 4xx that names the field (403 `forbidden`, as every
 * document that fails its schema: CouchDB's answer to a refused validate_doc_update). A laptop still on the previous
 * version syncs with one on this version: each keeps the other's edits.
 */
const REGION = 'twente';
let server: TestServer;
let anna = '';
let daan = '';
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 0 });
  anna = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
  daan = await sessionCookie(server.url, 'daan', DEMO_PASSWORD);
  resetDeviceClock(memoryStore());
}, 60_000);
afterAll(() => server?.close());

const NOW = '2026-11-26T10:00:00.000Z';
const CLOCK = '001795700000000-00000-laptop1';
const dbUrl = `/${regionDbName(REGION)}`;

function bodies(tag: string): Record<'note' | 'referral' | 'savedView', Record<string, unknown>> {
  const note = newNote({ candidateId: `c-${tag}`, visibility: 'shared', region: REGION, text: 'Belt terug.' }, { suffix: 'n1', user: 'anna', now: NOW });
  const referral = newReferral({ candidateId: `c-${tag}`, kind: 'referral', fromRegion: REGION, toRegion: 'utrecht', reason: 'Verhuist.', name: 'Sanne' }, { suffix: 'r1', user: 'anna', now: NOW });
  const view: SavedView = {
    id: `view-${tag}`, type: SAVED_VIEW_TYPE, name: 'Mijn lijst', owner: 'anna', region: REGION, shared: true,
    spec: { phases: [], filter: { combinator: 'and', rules: [] }, sort: [], columns: [], mode: 'table' }, createdAt: NOW, updatedAt: NOW, updatedBy: 'anna',
  };
  const wire = ({ id, ...rest }: { id: string } & Record<string, unknown>) => ({ _id: id, ...rest });
  return { note: wire(note), referral: wire(referral), savedView: wire(view as unknown as { id: string }) };
}

async function put(doc: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${dbUrl}/${encodeURIComponent(String(doc._id))}`, {
    method: 'PUT', headers: { Cookie: anna, 'Content-Type': 'application/json' }, body: JSON.stringify(doc),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the server and field clocks on notes, referrals and saved views', () => {
  for (const kind of ['note', 'referral', 'savedView'] as const) {
    it(`${kind}: accepted with clocks and without (the previous app's), refused with malformed clocks (403 naming the field)`, async () => {
      const tag = `${kind.toLowerCase()}${Date.now().toString(36)}`;
      const without = bodies(`${tag}a`)[kind];
      expect((await put(without)).status).toBe(201);
      const withClocks = { ...bodies(`${tag}b`)[kind], fieldClocks: { updatedAt: CLOCK, _deleted: CLOCK } };
      expect((await put(withClocks)).status).toBe(201);

      for (const [clocks, field] of [
        [{ name: 'zzz' }, 'fieldClocks.name'],
        [{ name: 17 }, 'fieldClocks.name'],
        ['yesterday', 'fieldClocks'],
        [{ [`x${'y'.repeat(45)}`]: CLOCK }, 'fieldClocks'],
      ] as const) {
        const bad: Record<string, unknown> = { ...bodies(`${tag}c`)[kind], fieldClocks: clocks };
        const res = await put(bad);
        // As for every schema failure: CouchDB's answer to a refused validate_doc_update, 403 forbidden.
        expect(res.status, JSON.stringify(clocks)).toBe(403);
        expect(res.body.error).toBe('forbidden');
        expect(String(res.body.reason), JSON.stringify(clocks)).toContain(field);
        // Nothing half-written: the refused document is not there.
        expect((await fetch(`${server.url}${dbUrl}/${encodeURIComponent(String(bad._id))}`, { headers: { Cookie: anna } })).status).toBe(404);
      }
    });
  }

  it('_bulk_docs: per document, the valid ones stored (with and without clocks), the malformed one refused naming the field', async () => {
    const tag = `bulk${Date.now().toString(36)}`;
    const docs = [bodies(`${tag}1`).note, { ...bodies(`${tag}2`).savedView, fieldClocks: { name: CLOCK } }, { ...bodies(`${tag}3`).referral, fieldClocks: { reason: '2026-11-26' } }];
    const res = await fetch(`${server.url}${dbUrl}/_bulk_docs`, { method: 'POST', headers: { Cookie: anna, 'Content-Type': 'application/json' }, body: JSON.stringify({ docs }) });
    expect(res.status).toBe(201);
    const rows = (await res.json()) as { id: string; ok?: boolean; error?: string; reason?: string }[];
    expect(rows.map((r) => !!r.ok)).toEqual([true, true, false]);
    expect(rows[2]!.error).toBe('forbidden');
    expect(rows[2]!.reason).toContain('fieldClocks.reason');
  });
});

/** A laptop on the previous app version: the collections without `fieldClocks`, production settings. */
async function previousVersionClient(): Promise<AnyDb> {
  const db = (await createRxDatabase({
    name: `clocks-old-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<any, any>,
    multiInstance: false,
    eventReduce: true,
  })) as AnyDb;
  await db.addCollections({ savedViews: beforeFieldClocks('savedViews') });
  // The previous app installed the same hooks; they stamp nothing where the schema has no clocks.
  installFieldClocks(db.collections);
  return db;
}

describe('a laptop on the previous version and one on this version', () => {
  it('sync a saved view both edit: each keeps the other\'s edit, and they end equal', async () => {
    const old = await previousVersionClient();
    const neu = await rxClient(['savedViews']);
    installFieldClocks(neu.collections);
    const tag = Date.now().toString(36);
    const sync = async (db: AnyDb, cookie: string, who: string) => {
      const { rep, errors } = replicateRegion(db.savedViews!, { server: server.url, region: REGION, cookie, live: false, identifier: `versions-${tag}-${who}` });
      try {
        await rep.awaitInitialReplication();
        expect(errors.map(String)).toEqual([]);
      } finally {
        await rep.cancel();
      }
    };
    try {
      const view = bodies(tag).savedView;
      const { _id, ...rest } = view;
      await old.savedViews!.insert({ id: _id, ...rest });
      await sync(old, anna, 'old');
      await sync(neu, daan, 'new');
      const pulled = (await neu.savedViews!.findOne(String(_id)).exec())!;
      expect(pulled.toJSON().fieldClocks).toBeUndefined();

      // Offline, both: this version renames it (stamped), the previous one changes its columns (not).
      await pulled.incrementalPatch({ name: 'Hernoemd', updatedAt: new Date().toISOString(), updatedBy: 'daan' });
      await (await old.savedViews!.findOne(String(_id)).exec())!.incrementalPatch({ spec: { ...rest.spec as SavedView['spec'], columns: ['lastName'] }, updatedAt: new Date().toISOString() });
      await sync(neu, daan, 'new');
      await sync(old, anna, 'old');
      await sync(neu, daan, 'new');

      const onNew = (await neu.savedViews!.findOne(String(_id)).exec())!.toJSON() as SavedView;
      const onOld = (await old.savedViews!.findOne(String(_id)).exec())!.toJSON() as SavedView;
      expect(onNew).toMatchObject({ name: 'Hernoemd', spec: { columns: ['lastName'] } });
      expect(onOld).toMatchObject({ name: 'Hernoemd', spec: { columns: ['lastName'] } });
      // The previous version keeps the clocks it pulled (it does not know them, it does not drop them).
      expect(onOld.fieldClocks).toEqual(onNew.fieldClocks);
      expect(Object.keys(onNew.fieldClocks ?? {})).toContain('name');
      const server_ = await (await fetch(`${server.url}${dbUrl}/${encodeURIComponent(String(_id))}`, { headers: { Cookie: anna } })).json();
      expect(server_).toMatchObject({ name: 'Hernoemd', spec: { columns: ['lastName'] } });
    } finally {
      await Promise.all([old.remove(), neu.remove()]);
    }
  }, 60_000);
});
