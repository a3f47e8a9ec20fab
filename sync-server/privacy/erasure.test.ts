import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type RegiodeskDatabase } from '../../src/renderer/db/database';
import { applyErasures } from '../../src/renderer/features/privacy/erasure-sync';
import { replicatedCollections } from '../../src/renderer/sync/replication';
import { pullModifierFor, pushModifierFor } from '../../src/renderer/sync/modifiers';
import { candidateDoc, noteDoc } from '../fanout/fixtures';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

/**
 * Erasure reaches every copy: a person linked to two regions, with notes in both, synced to a
 * laptop (RxDB on fake-indexeddb, the app's own replication modifiers); after the erasure and the
 * laptop's next sync no byte of her name is left in the server's data folder, in the laptop's
 * IndexedDB, or in a backup made afterwards.
 */
const NAME = `Quirijntje${randomBytes(4).toString('hex')}`;
const EMAIL = `${NAME.toLowerCase()}@voorbeeld.nl`;
const ID = `erase${randomBytes(3).toString('hex')}`;
const auth = {
  anna: basicAuth('anna', 'regiodesk'),
  bram: basicAuth('bram', 'regiodesk'),
  carla: basicAuth('carla', 'regiodesk'),
  daan: basicAuth('daan', 'regiodesk'),
  admin: basicAuth('admin', TEST_ADMIN_PASSWORD),
};
type Who = keyof typeof auth;

let server: TestServer;
let db: RegiodeskDatabase;

async function call(who: Who, method: string, p: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(server.url + p, {
    method,
    headers: { authorization: auth[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, text: await res.text() };
}

async function until(what: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition never met');
}

const daanFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', auth.daan);
  return fetch(input, { ...init, headers });
}) as typeof fetch;

/** One full sync of every replicated collection with both of daan's regions, as the app does it. */
async function syncOnce(): Promise<void> {
  const regions = ['twente', 'utrecht'];
  for (const { name, kind, collection } of replicatedCollections(db)) {
    for (const code of regions) {
      const state = replicateCouchDB<any>({
        replicationIdentifier: `erase-test-${code}-${name}`,
        collection,
        url: `${server.url}/region-${code}/`,
        live: false,
        waitForLeadership: false,
        fetch: daanFetch,
        pull: { batchSize: 500, modifier: pullModifierFor(code, kind) as any },
        push: { batchSize: 200, modifier: pushModifierFor(code, regions, kind) as any },
      });
      await state.awaitInitialReplication();
      await state.cancel();
    }
  }
}

/** Every value in every object store of every fake IndexedDB database, as text. */
async function clientBytes(): Promise<string> {
  const out: string[] = [];
  for (const info of await indexedDB.databases()) {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(idb.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      out.push(JSON.stringify(all));
    }
    idb.close();
  }
  return out.join('\n');
}

/** The names of the files under `dir` whose bytes contain `needle`. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const bytes = await readFile(file).catch(() => null);
    if (bytes && (bytes.includes(needle) || bytes.includes(Buffer.from(needle, 'utf16le')))) hits.push(path.relative(dir, file));
  }
  return hits;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3 });
  const person = { ...candidateDoc(ID, ['twente', 'utrecht'], 'twente'), lastName: NAME, email: EMAIL };
  const w = await call('anna', 'POST', '/region-twente/_bulk_docs', {
    docs: [person, noteDoc(ID, 'n1', 'twente', 'shared', `Gesprek met ${NAME} over zij-instroom`), noteDoc(ID, 'k1', 'twente', 'region', `${NAME} twijfelt`)],
  });
  expect(w.status).toBe(201);
  // The fan-out brings her to Utrecht; Bram writes a note there as well.
  await until(async () => (await call('bram', 'GET', `/region-utrecht/${ID}`)).status === 200);
  const b = await call('bram', 'POST', '/region-utrecht/_bulk_docs', { docs: [noteDoc(ID, 'u1', 'utrecht', 'shared', `${NAME} belde terug`)] });
  expect(b.status).toBe(201);
  await until(async () => (await call('anna', 'GET', `/region-twente/${encodeURIComponent(`${ID}:n:u1`)}`)).status === 200);
  db = await createDatabase(`erase_test_${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: false, multiInstance: false });
}, 120_000);

afterAll(async () => {
  await db?.remove();
  await server?.close();
});

describe('erasure', () => {
  it('is refused to an advisor and to a supervisor of another region', async () => {
    expect((await call('anna', 'POST', '/_regiodesk/erase', { candidateId: ID })).status).toBe(403);
    expect((await call('bram', 'POST', '/_regiodesk/erase', { candidateId: ID })).status).toBe(403);
    const bad = await call('carla', 'POST', '/_regiodesk/erase', { candidateId: 42 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: 'bad_request' });
  });

  it('leaves no byte of her name on the server, on the laptop after its next sync, nor in a backup', async () => {
    await syncOnce();
    const person = await db.candidates.findOne(ID).exec();
    expect(person?.lastName).toBe(NAME);
    expect(await db.notes.count({ selector: { candidateId: ID } }).exec()).toBe(3);
    expect(await clientBytes()).toContain(NAME);
    expect((await filesContaining(server.dataDir, NAME)).length).toBeGreaterThan(0);

    const erased = await call('carla', 'POST', '/_regiodesk/erase', { candidateId: ID });
    expect(erased.status).toBe(200);
    expect(JSON.parse(erased.text).purged).toMatchObject({ twente: 4, utrecht: 3 });

    await syncOnce();
    await applyErasures(db, daanFetch, server.url);
    expect(await db.candidates.findOne(ID).exec()).toBeNull();
    expect(await db.notes.count({ selector: { candidateId: ID } }).exec()).toBe(0);
    expect(await clientBytes()).not.toContain(NAME);
    expect(await clientBytes()).not.toContain(EMAIL);
    // The other candidates are still there.
    expect(await db.candidates.count().exec()).toBeGreaterThan(0);

    expect(await filesContaining(server.dataDir, NAME)).toEqual([]);
    expect(await filesContaining(server.dataDir, EMAIL)).toEqual([]);

    const backup = await call('admin', 'GET', '/_regiodesk/admin/backup');
    expect(backup.status).toBe(200);
    expect(backup.text).toContain('region-twente');
    expect(backup.text).not.toContain(NAME);

    // The erasure is in both regions' audit logs, and the laptop learns of it by id only.
    const log = JSON.parse((await call('carla', 'GET', '/_regiodesk/audit/twente')).text) as { entries: { action: string; docIds?: string[] }[] };
    expect(log.entries.some((e) => e.action === 'erased' && e.docIds?.includes(ID))).toBe(true);
    const list = JSON.parse((await call('daan', 'GET', '/_regiodesk/erasures')).text) as { erasures: { candidateId: string }[] };
    expect(list.erasures.map((e) => e.candidateId)).toContain(ID);
  }, 120_000);
});
