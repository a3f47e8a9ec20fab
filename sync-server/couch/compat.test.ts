import nano from 'nano';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

PouchDB.plugin(memory);

type Doc = Record<string, unknown>;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 12, maxLongpollMs: 4000 });
});
afterAll(() => server?.close());

const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };
let n = 0;
const local = () => new PouchDB<Doc>(`compat-${process.pid}-${++n}`, { adapter: 'memory' });
const remote = (db: string, user = 'admin', password = TEST_ADMIN_PASSWORD) =>
  new PouchDB<Doc>(`${server.url}/${db}`, { auth: { username: user, password }, skip_setup: true } as PouchDB.Configuration.RemoteDatabaseConfiguration);

function candidate(id: string, firstName = 'Femke'): Doc & { _id: string } {
  const { id: _id, ...rest } = newCandidate(
    { firstName, lastName: 'Kuipers', regions: ['twente'], ownerRegion: 'twente', consent: { given: true, purpose: 'begeleiding' } },
    { id, user: 'anna', now: new Date().toISOString() },
  );
  return { _id, ...rest };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads a continuous feed until `stop` says so; returns the lines (blank ones are heartbeats). */
async function readFeed(url: string, headers: Record<string, string>, stop: (lines: string[]) => boolean, signal: AbortSignal): Promise<string[]> {
  const res = await fetch(url, { headers, signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const lines: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
    if (stop(lines)) {
      await reader.cancel();
      break;
    }
  }
  return lines;
}

describe('_changes feed=continuous', () => {
  it('streams existing and new changes as lines, with heartbeats while idle', async () => {
    const ac = new AbortController();
    const feed = readFeed(
      `${server.url}/region-twente/_changes?feed=continuous&heartbeat=1000&since=0&include_docs=true`,
      anna,
      (lines) => lines.some((l) => l.includes('"cont-1"')) && lines.filter((l) => l === '').length >= 1,
      ac.signal,
    );
    await new Promise((r) => setTimeout(r, 1300)); // let one heartbeat pass
    await fetch(`${server.url}/region-twente/cont-1`, { method: 'PUT', headers: anna, body: JSON.stringify(candidate('cont-1')) });
    const lines = await feed;
    const rows = lines.filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string; seq: unknown; doc?: Doc });
    expect(rows.length).toBeGreaterThanOrEqual(13);
    expect(rows.every((r) => r.seq !== undefined && typeof r.id === 'string')).toBe(true);
    expect(rows.find((r) => r.id === 'cont-1')?.doc?.firstName).toBe('Femke');
    ac.abort();
  });

  it('ends with a last_seq line at limit or idle timeout', async () => {
    const ac = new AbortController();
    const limited = await readFeed(`${server.url}/region-twente/_changes?feed=continuous&limit=3&since=0`, anna, () => false, ac.signal);
    expect(limited.filter(Boolean)).toHaveLength(4);
    expect(JSON.parse(limited.filter(Boolean).at(-1)!)).toHaveProperty('last_seq');
    const idle = await readFeed(`${server.url}/region-twente/_changes?feed=continuous&since=now&timeout=300`, anna, () => false, ac.signal);
    expect(idle.filter(Boolean).map((l) => Object.keys(JSON.parse(l)))).toEqual([['last_seq']]);
  });

  it('needs read access like every feed', async () => {
    const res = await fetch(`${server.url}/region-utrecht/_changes?feed=continuous`, { headers: anna });
    expect(res.status).toBe(403);
  });
});

describe('PouchDB replicate and sync', () => {
  for (const batch_size of [1, 1000]) {
    it(`one-off both directions with batch_size ${batch_size}, revisions identical`, async () => {
      const db = local();
      const r = remote('region-twente', 'anna', DEMO_PASSWORD);
      const pulled = await PouchDB.replicate(r, db, { batch_size });
      expect(pulled.ok).toBe(true);
      await db.put(candidate(`b${batch_size}-1`));
      await db.put(candidate(`b${batch_size}-2`));
      const res = await PouchDB.sync(db, r, { batch_size });
      expect(res.push?.docs_written).toBe(2);
      const mine = (await db.get(`b${batch_size}-1`, { revs: true })) as Doc;
      const theirs = (await r.get(`b${batch_size}-1`, { revs: true })) as Doc;
      expect(theirs._revisions).toEqual(mine._revisions);
      expect((await r.info()).doc_count).toBe((await db.info()).doc_count);
      await db.destroy();
    });
  }

  it('live sync both ways on a database an admin created for her own use (no domain validation)', async () => {
    expect((await fetch(`${server.url}/scratch-compat`, { method: 'PUT', headers: admin })).status).toBe(201);
    const a = local();
    const b = local();
    const ra = PouchDB.sync(a, remote('scratch-compat'), { live: true, retry: true, batch_size: 1 });
    const rb = PouchDB.sync(b, remote('scratch-compat'), { live: true, retry: true });
    try {
      await a.put({ _id: 'free-form', anything: [1, 2, 3] });
      await until(async () => (await b.get('free-form').catch(() => null)) !== null);
      const doc = await b.get('free-form');
      await b.put({ ...doc, anything: 'changed' });
      await until(async () => ((await a.get('free-form')) as Doc).anything === 'changed');
    } finally {
      ra.cancel();
      rb.cancel();
      await a.destroy();
      await b.destroy();
    }
  });
});

describe('nano', () => {
  it('does the usual calls: db.create/list/use, insert/get/destroy, bulk, list, fetch, changes, session', async () => {
    const url = new URL(server.url);
    url.username = 'admin';
    url.password = TEST_ADMIN_PASSWORD;
    const couch = nano(url.toString().replace(/\/$/, ''));
    const info = (await couch.info()) as { couchdb?: string };
    expect(info.couchdb).toBe('Welcome');
    await couch.db.create('nano-compat');
    expect(await couch.db.list()).toContain('nano-compat');
    const db = couch.use<{ v: number }>('nano-compat');
    const ins = await db.insert({ v: 1 }, 'one');
    expect(ins.ok).toBe(true);
    const got = await db.get('one', { revs_info: true });
    expect(got.v).toBe(1);
    await db.insert({ v: 2, _rev: ins.rev }, 'one');
    const bulk = await db.bulk({ docs: [{ _id: 'two', v: 2 }, { _id: 'three', v: 3 }] });
    expect(bulk.every((r) => !r.error && typeof r.rev === 'string')).toBe(true);
    const list = await db.list({ include_docs: true });
    expect(list.rows.map((r) => r.id)).toEqual(['one', 'three', 'two']);
    const fetched = await db.fetch({ keys: ['two', 'nope'] });
    expect(fetched.rows).toHaveLength(2);
    const ch = await db.changes({ since: 0, limit: 2 });
    expect(ch.results).toHaveLength(2);
    const head = await db.head('two');
    expect(head.etag).toBeTruthy();
    const two = await db.get('two');
    expect((await db.destroy('two', two._rev)).ok).toBe(true);
    await expect(db.get('two')).rejects.toMatchObject({ statusCode: 404 });
    const dbInfo = await couch.db.get('nano-compat');
    expect(dbInfo.doc_count).toBe(2);
    await couch.db.destroy('nano-compat');
    expect(await couch.db.list()).not.toContain('nano-compat');
    await expect(couch.db.destroy('region-twente')).rejects.toMatchObject({ statusCode: 403 });
    const session = await couch.session();
    expect(session.userCtx.name).toBe('admin');
    // A non-admin's nano sees the same rules as any other client.
    const annaUrl = new URL(server.url);
    annaUrl.username = 'anna';
    annaUrl.password = DEMO_PASSWORD;
    const asAnna = nano(annaUrl.toString().replace(/\/$/, ''));
    await expect(asAnna.db.create('anna-own')).rejects.toMatchObject({ statusCode: 403 });
    await expect(asAnna.use('region-twente').insert({ _id: 'bad', type: 'candidate' } as never)).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('replication endpoints', () => {
  it('_bulk_get with revs, _revs_diff, open_revs and _local checkpoints', async () => {
    const put = await fetch(`${server.url}/region-twente/rev-1`, { method: 'PUT', headers: anna, body: JSON.stringify(candidate('rev-1')) });
    const { rev } = (await put.json()) as { rev: string };
    const bg = (await (
      await fetch(`${server.url}/region-twente/_bulk_get?revs=true`, { method: 'POST', headers: anna, body: JSON.stringify({ docs: [{ id: 'rev-1', rev }] }) })
    ).json()) as { results: { docs: { ok: Doc }[] }[] };
    expect(bg.results[0]!.docs[0]!.ok._revisions).toMatchObject({ start: 1 });
    const diff = (await (
      await fetch(`${server.url}/region-twente/_revs_diff`, { method: 'POST', headers: anna, body: JSON.stringify({ 'rev-1': [rev, '2-abc'] }) })
    ).json()) as Record<string, { missing: string[] }>;
    expect(diff['rev-1']!.missing).toEqual(['2-abc']);
    const open = (await (await fetch(`${server.url}/region-twente/rev-1?open_revs=all&revs=true`, { headers: { ...anna, Accept: 'application/json' } })).json()) as { ok: Doc }[];
    expect(open[0]!.ok._rev).toBe(rev);
    const cp = await fetch(`${server.url}/region-twente/_local/compat-cp`, { method: 'PUT', headers: anna, body: JSON.stringify({ last_seq: '12' }) });
    expect(cp.status).toBe(201);
    const cpDoc = (await (await fetch(`${server.url}/region-twente/_local/compat-cp`, { headers: anna })).json()) as Doc;
    expect(cpDoc.last_seq).toBe('12');
  });
});
