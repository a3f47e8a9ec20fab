import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/load';
import type { Json } from '../store/types';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

PouchDB.plugin(memory);

// A private saved view is its owner's alone: every read path shows it to others as a deletion
// (never its content), every write path refuses others' writes over it. Run on both backends.
const SECRET = 'Geheimzinnig-7q3';
const DB = '/region-twente';
const auth: Record<string, string> = {
  anna: basicAuth('anna', DEMO_PASSWORD), // owner, editor in Twente
  daan: basicAuth('daan', DEMO_PASSWORD), // colleague editor
  carla: basicAuth('carla', DEMO_PASSWORD), // supervisor of Twente
  admin: basicAuth('admin', TEST_ADMIN_PASSWORD),
};
const OTHERS = ['daan', 'carla', 'admin'] as const;
const KIND_SELECTOR = { $or: [{ type: 'savedView' }, { type: { $exists: false } }] };

function view(id: string, shared: boolean, owner = 'anna', name = SECRET): Json {
  const now = new Date().toISOString();
  return {
    _id: id, type: 'savedView', name, owner, region: 'twente', shared,
    spec: { phases: [], filter: { combinator: 'and', rules: [{ field: 'place', op: 'is', value: name }] }, sort: [], columns: ['name'], mode: 'table' },
    createdAt: now, updatedAt: now, updatedBy: owner,
  };
}

describe.each(['embedded', 'couch'] as const)('private saved views on the %s store', (store) => {
  let server: TestServer;
  let n = 0;
  async function call(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: auth[who]!, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      // a continuous feed: one JSON object per line
    }
    return { status: res.status, text, json };
  }
  const put = async (who: string, doc: Json) => call(who, 'PUT', `${DB}/${doc._id}`, doc);
  let privRev = '';

  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoSize: 3, store, maxLongpollMs: 300 });
    const p = await put('anna', view('view-priv', false));
    expect(p.status).toBe(201);
    privRev = p.json.rev;
    expect((await put('anna', view('view-shared', true, 'anna', 'Gedeeld'))).status).toBe(201);
  }, 60_000);
  afterAll(() => server?.close());

  const reads: [string, (who: string) => Promise<{ status: number; text: string; json: any }>][] = [
    ['GET /db/id', (w) => call(w, 'GET', `${DB}/view-priv`)],
    ['GET ?rev=', (w) => call(w, 'GET', `${DB}/view-priv?rev=${privRev}`)],
    ['GET ?open_revs=all', (w) => call(w, 'GET', `${DB}/view-priv?open_revs=all&revs=true`)],
    ['GET ?open_revs=[rev]', (w) => call(w, 'GET', `${DB}/view-priv?open_revs=${encodeURIComponent(JSON.stringify([privRev]))}`)],
    ['_all_docs include_docs', (w) => call(w, 'GET', `${DB}/_all_docs?include_docs=true`)],
    ['_all_docs keys', (w) => call(w, 'POST', `${DB}/_all_docs`, { keys: ['view-priv'], include_docs: true })],
    ['_bulk_get', (w) => call(w, 'POST', `${DB}/_bulk_get?revs=true`, { docs: [{ id: 'view-priv' }, { id: 'view-priv', rev: privRev }] })],
    ['_changes include_docs', (w) => call(w, 'GET', `${DB}/_changes?include_docs=true&style=all_docs`)],
    ['_changes doc_ids', (w) => call(w, 'POST', `${DB}/_changes?filter=_doc_ids&include_docs=true`, { doc_ids: ['view-priv'] })],
    ['_changes longpoll', (w) => call(w, 'GET', `${DB}/_changes?feed=longpoll&include_docs=true&timeout=200`)],
    ['_changes continuous', (w) => call(w, 'GET', `${DB}/_changes?feed=continuous&include_docs=true&timeout=200`)],
    // express-pouchdb, the CouchDB stand-in of the couch tests, answers `filter=_selector` with 404;
    // CouchDB itself evaluates it, and the query the server sends is the same for both backends.
    ...(store === 'embedded' ? [['_changes kind selector', (w: string) => call(w, 'POST', `${DB}/_changes?filter=_selector&include_docs=true`, { selector: KIND_SELECTOR })] as [string, (w: string) => ReturnType<typeof call>]] : []),
  ];

  it.each(reads)('%s: the owner reads her private view, colleague, supervisor and admin never see its content', async (_name, read) => {
    const own = await read('anna');
    expect(own.status).toBe(200);
    expect(own.text).toContain(SECRET);
    for (const who of OTHERS) {
      const r = await read(who);
      expect([200, 404], `${who}: ${r.text}`).toContain(r.status);
      expect(r.text, who).not.toContain(SECRET);
      // It reads as a deletion: 404 `deleted` for a plain GET, a deleted row or revision elsewhere.
      expect(r.text, who).toContain(r.status === 404 ? 'deleted' : 'view-priv');
    }
  });

  it.skipIf(store === 'couch')('a selector cannot probe a private view: with the right or a wrong name, others get the same rows', async () => {
    const probe = (who: string, name: string) => call(who, 'POST', `${DB}/_changes?filter=_selector`, { selector: { type: 'savedView', name } });
    expect((await probe('anna', SECRET)).json.results.map((r: Json) => r.id)).toEqual(['view-priv']);
    for (const who of OTHERS) {
      const right = (await probe(who, SECRET)).json.results;
      const wrong = (await probe(who, 'iets anders')).json.results;
      expect(right, who).toEqual(wrong);
      expect(right, who).toEqual([]);
    }
    // The app's kind selector brings others the view's deletion (so laptops drop old shared copies).
    const rows = (await call('daan', 'POST', `${DB}/_changes?filter=_selector&include_docs=true`, { selector: KIND_SELECTOR })).json.results as Json[];
    const row = rows.find((r) => r.id === 'view-priv');
    expect(row).toMatchObject({ deleted: true, doc: { _id: 'view-priv', _deleted: true } });
    expect(rows.find((r) => r.id === 'view-shared')).toMatchObject({ doc: { name: 'Gedeeld' } });
    // The owner's own private view does not come through a selector it does not match.
    const cands = (await call('anna', 'POST', `${DB}/_changes?filter=_selector`, { selector: { $or: [{ type: 'candidate' }, { type: { $exists: false } }] } })).json.results as Json[];
    expect(cands.map((r) => r.id)).not.toContain('view-priv');
  });

  it('others cannot write over, delete or create someone else\'s private view; the owner can; the rest of a batch is stored', async () => {
    const cur = (await call('anna', 'GET', `${DB}/view-priv`)).json as Json;
    for (const who of OTHERS) {
      const p = await put(who, { ...cur, name: 'overschreven' });
      expect(p.status, who).toBe(403);
      expect(p.json).toMatchObject({ error: 'forbidden', reason: expect.any(String) });
      const d = await call(who, 'DELETE', `${DB}/view-priv?rev=${cur._rev}`);
      expect(d.status, who).toBe(403);
      expect(d.json.error).toBe('forbidden');
      const other = view(`view-${who}-${++n}`, true, who, 'Eigen');
      const bulk = await call(who, 'POST', `${DB}/_bulk_docs`, { docs: [{ ...cur, name: 'overschreven' }, { _id: 'view-priv', _rev: cur._rev, _deleted: true }, view(`view-fake-${n}`, false, 'anna'), other] });
      expect(bulk.status).toBe(201);
      expect(bulk.json.map((r: Json) => r.error ?? 'ok'), who).toEqual(['forbidden', 'forbidden', 'forbidden', 'ok']);
      // A replicator's push of a child revision (new_edits=false) is refused as well.
      const [gen, hash] = String(cur._rev).split('-');
      const child = { ...cur, name: 'overschreven', _rev: `${Number(gen) + 1}-ab${n}`, _revisions: { start: Number(gen) + 1, ids: [`ab${n}`, hash] } };
      const repl = await call(who, 'POST', `${DB}/_bulk_docs`, { new_edits: false, docs: [child] });
      expect(repl.json.map((r: Json) => r.error), who).toEqual(['forbidden']);
    }
    // Nothing of the above reached the document.
    const after = (await call('anna', 'GET', `${DB}/view-priv?open_revs=all`)).json as Json[];
    expect(after.map((r) => (r.ok as Json)._rev)).toEqual([cur._rev]);
    // Taking a colleague's shared view over (changing its owner) is refused; editing it is not.
    const shared = (await call('daan', 'GET', `${DB}/view-shared`)).json as Json;
    expect((await put('daan', { ...shared, owner: 'daan', shared: false })).json.error).toBe('forbidden');
    // A saved view outside the `view-` ids is refused (the prefix keeps the write check to one read of views).
    expect((await put('anna', view('saved-1', false))).json.error).toBe('forbidden');
    const mine = await put('anna', { ...cur, name: `${SECRET} 2` });
    expect(mine.status).toBe(201);
    privRev = mine.json.rev;
  });

  it('a PouchDB replica of a colleague holds the shared view and no private one; a view made private leaves it', async () => {
    const remote = (user: string) =>
      new PouchDB<Json>(`${server.url}/region-twente`, { auth: { username: user, password: DEMO_PASSWORD }, skip_setup: true } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    const replica = new PouchDB<Json>(`pv-${store}-${Date.now()}`, { adapter: 'memory' });
    await replica.replicate.from(remote('daan'));
    await expect(replica.get('view-priv')).rejects.toMatchObject({ status: 404 });
    expect((await replica.get('view-shared')).name).toBe('Gedeeld');
    const all = await replica.allDocs({ include_docs: true });
    expect(JSON.stringify(all)).not.toContain(SECRET);

    // Anna makes her shared view private: daan's next pull removes it.
    const cur = (await call('anna', 'GET', `${DB}/view-shared`)).json as Json;
    expect((await put('anna', { ...cur, shared: false })).status).toBe(201);
    await replica.replicate.from(remote('daan'));
    await expect(replica.get('view-shared')).rejects.toMatchObject({ status: 404 });
    // The owner's replica has both.
    const owner = new PouchDB<Json>(`pv-owner-${store}-${Date.now()}`, { adapter: 'memory' });
    await owner.replicate.from(remote('anna'));
    expect((await owner.get('view-priv')).name).toContain(SECRET);
    expect((await owner.get('view-shared')).shared).toBe(false);
    // Shared again: it comes back to daan.
    const again = (await call('anna', 'GET', `${DB}/view-shared`)).json as Json;
    expect((await put('anna', { ...again, shared: true })).status).toBe(201);
    await replica.replicate.from(remote('daan'));
    expect((await replica.get('view-shared')).shared).toBe(true);
    await Promise.all([replica.destroy(), owner.destroy()]);
  });
});
