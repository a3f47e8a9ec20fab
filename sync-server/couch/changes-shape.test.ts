import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { kindSelector } from '../../src/renderer/sync/kind-fetch';
import { withDefaults } from '../config';
import { DEMO_PASSWORD } from '../demo/load';
import { startServer } from '../server';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD } from '../testing';

/**
 * `_changes?regiodesk_shape=rx` (changes-text.ts): the same answer as without it, except that each
 * document has `id` instead of `_id` and no `_rev`; on every store engine, for documents,
 * deletions with a body, bare deletion stubs, conflicts, `filter=_selector`, longpoll and
 * continuous feeds. Without the parameter the answer stays CouchDB's.
 */
type Json = Record<string, any>;
const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };
const WEIRD = 'weird "ïd" \\ ✓ 😀';

/** What the rx shape must be, made from CouchDB's shape of the same document. */
function expectedRx(doc: Json): Json {
  const { _id, _rev, ...rest } = doc;
  return { id: _id, ...rest };
}

function candidate(id: string, firstName = 'Noor'): Json {
  const { id: _id, ...rest } = newCandidate({ firstName, lastName: 'Nijhuis', regions: ['twente'], ownerRegion: 'twente' }, { id, user: 'anna', now: new Date().toISOString() });
  return { _id, ...rest };
}

interface Running {
  url: string;
  close(): Promise<void>;
}

async function embedded(engine: 'log' | 'leveldb'): Promise<Running> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `regiodesk-shape-${engine}-`));
  const server = await startServer(withDefaults({ dataDir, host: '127.0.0.1', port: 0, demo: true, demoSize: 3, adminPassword: TEST_ADMIN_PASSWORD, store: engine, maxLongpollMs: 3000 }));
  return {
    url: server.url,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const backends: [string, () => Promise<Running>][] = [
  ['log engine', () => embedded('log')],
  ['LevelDB engine', () => embedded('leveldb')],
  // The CouchDB backend (here on express-pouchdb): the parameter never reaches CouchDB, the
  // route writes the answer from the documents CouchDB gave.
  ['CouchDB backend', () => startTestServer({ demo: true, demoSize: 3, store: 'couch', maxLongpollMs: 3000 })],
];

describe.each(backends)('_changes in RxDB shape, %s', (name, start) => {
  let server: Running;
  const req = async (db: string, q: string, headers = admin, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}/${db}/_changes?${q}`, { headers, ...init });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as Json };
  };
  const write = async (db: string, docs: Json[], newEdits = true, headers = admin) => {
    const res = await fetch(`${server.url}/${db}/_bulk_docs`, { method: 'POST', headers, body: JSON.stringify({ docs, new_edits: newEdits }) });
    expect(res.status).toBe(201);
    return (await res.json()) as Json[];
  };

  /** Both shapes of one query: same rows, documents differing only in `_id`/`_rev` → `id`. */
  async function compare(db: string, q: string, headers = admin, init?: () => RequestInit): Promise<Json[]> {
    const couch = await req(db, q, headers, init?.());
    const rx = await req(db, `${q}&regiodesk_shape=rx`, headers, init?.());
    expect(couch.status).toBe(200);
    expect(rx.status).toBe(200);
    expect(rx.text).not.toContain('"_rev"');
    expect(rx.text).not.toContain('"_id"');
    // RxDB's shape is written in ASCII only (changes-text.ts asciiJson); the data holds é, ï, ✓ and 😀.
    expect(rx.text).toMatch(/^[\x00-\x7f]*$/);
    expect(couch.body.results.length).toBeGreaterThan(0);
    expect(rx.body.last_seq).toEqual(couch.body.last_seq);
    expect(rx.body.results).toEqual(couch.body.results.map((r: Json) => (r.doc ? { ...r, doc: expectedRx(r.doc) } : r)));
    for (const r of couch.body.results) if (r.doc) expect(typeof r.doc._rev).toBe('string');
    return rx.body.results;
  }

  beforeAll(async () => {
    server = await start();
    expect((await fetch(`${server.url}/shape-misc`, { method: 'PUT', headers: admin })).status).toBe(201);
    await write('shape-misc', [{ _id: 'plain', n: 1, nested: { s: 'é "quoted" \\ \n', list: [1, null, true] } }, { _id: 'empty' }, { _id: WEIRD, x: 'y' }, { _id: 'with-body', name: 'Femke' }, { _id: 'bare', name: 'Daan' }]);
    const revs = (await (await fetch(`${server.url}/shape-misc/_all_docs?keys=${encodeURIComponent(JSON.stringify(['with-body', 'bare']))}`, { headers: admin })).json()) as Json;
    const [withBody, bare] = revs.rows.map((r: Json) => r.value.rev);
    // A deletion that keeps a body, and a bare deletion stub.
    await write('shape-misc', [{ _id: 'with-body', _rev: withBody, _deleted: true, name: 'Femke', gone: true }, { _id: 'bare', _rev: bare, _deleted: true }]);
    // A conflict: two branches of one document.
    await write('shape-misc', [{ _id: 'conflicted', _rev: '1-aaa', v: 1 }, { _id: 'conflicted', _rev: '1-bbb', v: 2 }], false);
  }, 120_000);
  afterAll(() => server?.close());

  it('documents, deletions with a body, bare stubs and conflicts', async () => {
    const rows = await compare('shape-misc', 'include_docs=true&style=all_docs&conflicts=true&since=0');
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(WEIRD)!.doc).toEqual({ id: WEIRD, x: 'y' });
    expect(byId.get('empty')!.doc).toEqual({ id: 'empty' });
    expect(byId.get('bare')!.doc).toEqual({ id: 'bare', _deleted: true });
    expect(byId.get('bare')!.deleted).toBe(true);
    expect(byId.get('with-body')!.doc).toMatchObject({ id: 'with-body', _deleted: true, gone: true });
    expect(byId.get('conflicted')!.doc._conflicts).toHaveLength(1);
    expect(byId.get('conflicted')!.changes).toHaveLength(2);
  });

  it('normal feed with limit and descending, and without include_docs', async () => {
    await compare('shape-misc', 'include_docs=true&limit=2&since=0');
    await compare('shape-misc', 'include_docs=true&descending=true&limit=3');
    const noDocs = await req('shape-misc', 'since=0&regiodesk_shape=rx');
    expect(noDocs.body).toEqual((await req('shape-misc', 'since=0')).body);
  });

  // The CouchDB backend hands `_selector` to CouchDB; express-pouchdb, its stand-in here, answers it with 404 in either shape.
  it.skipIf(name === 'CouchDB backend')("filter=_selector with the app's kind selector, as a query parameter and in a POST body, read by a region user", async () => {
    await write('region-twente', [candidate('shape-c1'), candidate('shape-c2')], true, anna);
    const got = (await (await fetch(`${server.url}/region-twente/shape-c2`, { headers: anna })).json()) as Json;
    const del = await fetch(`${server.url}/region-twente/shape-c2?rev=${got._rev}`, { method: 'DELETE', headers: anna });
    expect(del.status).toBe(200);
    const sel = encodeURIComponent(JSON.stringify(kindSelector('candidate')));
    const rows = await compare('region-twente', `include_docs=true&style=all_docs&filter=_selector&selector=${sel}&since=0`, anna);
    expect(rows.every((r) => r.doc.type === 'candidate' || r.doc._deleted === true)).toBe(true);
    const c1 = rows.find((r) => r.id === 'shape-c1')!;
    expect(c1.doc).toMatchObject({ id: 'shape-c1', firstName: 'Noor', type: 'candidate' });
    expect(rows.find((r) => r.id === 'shape-c2')!.doc).toMatchObject({ id: 'shape-c2', _deleted: true });
    await compare('region-twente', 'include_docs=true&filter=_selector&since=0', anna, () => ({ method: 'POST', body: JSON.stringify({ selector: kindSelector('candidate') }) }));
  });

  it('longpoll answers the next change in RxDB shape', async () => {
    const pending = req('shape-misc', 'feed=longpoll&since=now&include_docs=true&heartbeat=10000&regiodesk_shape=rx');
    await new Promise((r) => setTimeout(r, 200));
    await write('shape-misc', [{ _id: 'lp-1', v: 'late' }]);
    const { body, text } = await pending;
    expect(body.results.map((r: Json) => r.doc)).toEqual([{ id: 'lp-1', v: 'late' }]);
    expect(text).not.toContain('_rev');
  });

  it('continuous feed in RxDB shape', async () => {
    const res = await fetch(`${server.url}/shape-misc/_changes?feed=continuous&include_docs=true&since=0&limit=4&regiodesk_shape=rx`, { headers: admin });
    const lines = (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json);
    const rows = lines.filter((l) => l.doc);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.doc.id).toBe(r.id);
      expect(r.doc).not.toHaveProperty('_rev');
      expect(r.doc).not.toHaveProperty('_id');
    }
  });

  it('an unknown shape is a 400 with a reason', async () => {
    const bad = await req('shape-misc', 'include_docs=true&regiodesk_shape=pouch');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('bad_request');
    expect(bad.body.reason).toMatch(/regiodesk_shape/);
  });
});
