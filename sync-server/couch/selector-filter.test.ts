import nano from 'nano';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

PouchDB.plugin(memory);

/** `_changes?filter=_selector` as CouchDB has it, with the real PouchDB and nano clients. */
type Doc = Record<string, unknown>;
let server: TestServer;
const DB = 'selector-scratch';
const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3, maxLongpollMs: 4000 });
  // An admin's own database: documents of any shape, so the filter's semantics are seen alone.
  expect((await fetch(`${server.url}/${DB}`, { method: 'PUT', headers: admin })).status).toBe(201);
  const docs = Array.from({ length: 30 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}`, type: ['fruit', 'tool', 'bird'][i % 3], n: i }));
  const res = await fetch(`${server.url}/${DB}/_bulk_docs`, { method: 'POST', headers: admin, body: JSON.stringify({ docs }) });
  expect(res.status).toBe(201);
});
afterAll(() => server?.close());

const post = (path: string, body: unknown, headers = admin) => fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
const ids = (body: { results: { id: string }[] }) => body.results.map((r) => r.id);

describe('_changes?filter=_selector', () => {
  it('POST body selector: only matching documents, with docs, limit counting matches only', async () => {
    const all = (await (await post(`/${DB}/_changes?filter=_selector&include_docs=true`, { selector: { type: 'tool' } })).json()) as any;
    expect(all.results).toHaveLength(10);
    expect(all.results.every((r: any) => r.doc.type === 'tool')).toBe(true);
    const page = (await (await post(`/${DB}/_changes?filter=_selector&limit=4`, { selector: { type: 'tool' } })).json()) as any;
    expect(ids(page)).toEqual(ids(all).slice(0, 4));
    const rest = (await (await post(`/${DB}/_changes?filter=_selector&since=${page.last_seq}`, { selector: { type: 'tool' } })).json()) as any;
    expect(ids(rest)).toEqual(ids(all).slice(4));
  });

  it('GET with a JSON selector parameter, and operators ($gte, $or)', async () => {
    const sel = encodeURIComponent(JSON.stringify({ $or: [{ type: 'bird' }, { n: { $gte: 27 } }] }));
    const res = await fetch(`${server.url}/${DB}/_changes?filter=_selector&selector=${sel}`, { headers: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(ids(body)).toEqual(['d02', 'd05', 'd08', 'd11', 'd14', 'd17', 'd20', 'd23', 'd26', 'd27', 'd28', 'd29']);
  });

  it('a malformed or missing selector is a 400 with error and reason', async () => {
    for (const body of [{ selector: { type: { $nope: 1 } } }, { selector: [1] }, { selector: { $or: 'x' } }, {}]) {
      const res = await post(`/${DB}/_changes?filter=_selector`, body);
      expect(res.status).toBe(400);
      const err = (await res.json()) as any;
      expect(err.error).toBe('bad_request');
      expect(typeof err.reason).toBe('string');
    }
    const bad = await fetch(`${server.url}/${DB}/_changes?filter=_selector&selector=%7Bnot-json`, { headers: admin });
    expect(bad.status).toBe(400);
  });

  it('a longpoll with a selector ignores writes that do not match and answers at one that does', async () => {
    const top = ((await (await fetch(`${server.url}/${DB}`, { headers: admin })).json()) as any).update_seq;
    const pending = post(`/${DB}/_changes?feed=longpoll&filter=_selector&include_docs=true&since=${top}&timeout=4000`, { selector: { type: 'fruit' } });
    await new Promise((r) => setTimeout(r, 150));
    await post(`/${DB}/_bulk_docs`, { docs: [{ _id: 'lp-tool', type: 'tool' }] });
    await new Promise((r) => setTimeout(r, 150));
    await post(`/${DB}/_bulk_docs`, { docs: [{ _id: 'lp-fruit', type: 'fruit' }] });
    const body = (await (await pending).json()) as any;
    expect(ids(body)).toEqual(['lp-fruit']);
  });

  it("keeps region isolation and narrows a region's feed to one kind", async () => {
    const sel = { type: 'candidate' };
    const res = await post('/region-twente/_changes?filter=_selector&include_docs=true', { selector: sel }, anna);
    const body = (await res.json()) as any;
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r: any) => r.doc.type === 'candidate')).toBe(true);
    const everything = (await (await fetch(`${server.url}/region-twente/_changes?include_docs=true`, { headers: anna })).json()) as any;
    expect(everything.results.length).toBeGreaterThan(body.results.length); // the region holds other kinds too
    expect((await post('/region-utrecht/_changes?filter=_selector', { selector: sel }, anna)).status).toBe(403);
  });

  it('PouchDB: changes({filter: "_selector"}) and a selector replication', async () => {
    const remote = new PouchDB<Doc>(`${server.url}/${DB}`, { auth: { username: 'admin', password: TEST_ADMIN_PASSWORD }, skip_setup: true } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    const ch = await remote.changes({ filter: '_selector', selector: { type: 'bird' }, include_docs: true } as PouchDB.Core.ChangesOptions);
    expect(ch.results.length).toBe(10);
    expect(ch.results.every((r) => (r.doc as Doc).type === 'bird')).toBe(true);
    const local = new PouchDB<Doc>(`selector-${process.pid}`, { adapter: 'memory' });
    await PouchDB.replicate(remote, local, { selector: { type: 'fruit' }, batch_size: 3 } as PouchDB.Replication.ReplicateOptions);
    const got = await local.allDocs({ include_docs: true });
    expect(got.rows.length).toBeGreaterThanOrEqual(10);
    expect(got.rows.every((r) => (r.doc as Doc).type === 'fruit')).toBe(true);
    await local.destroy();
  });

  it('nano: a POST _changes with a selector', async () => {
    const url = new URL(server.url);
    url.username = 'admin';
    url.password = TEST_ADMIN_PASSWORD;
    const couch = nano(url.toString().replace(/\/$/, ''));
    const body = (await couch.request({ db: DB, method: 'POST', path: '_changes', qs: { filter: '_selector', limit: 3 }, body: { selector: { type: 'tool' } } })) as any;
    expect(ids(body)).toEqual(['d01', 'd04', 'd07']);
  });
});
