import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, type TestServer } from '../../../sync-server/testing';
import { replicationFetch } from './replication';
import { DbNotifier } from './notifier';
import { SharedLiveReads } from './shared-reads';
import type { ChangesPage } from './kind-fetch';

/**
 * The live pulls of every kind of one region database share one `_changes` read per wake-up of
 * the change stream; each still gets only its own kind, and a change after the shared read is
 * read again. Real server, real HTTP, the real change stream.
 */
let server: TestServer;
let notifier: DbNotifier;
const auth = { authorization: basicAuth('anna', 'regiodesk') };
const db = () => `${server.url}/region-twente`;
const requests: string[] = [];

const authed = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', auth.authorization);
  if (String(input).includes('/_changes')) requests.push(String(input));
  return fetch(input, { ...init, headers });
}) as typeof fetch;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 6, maxLongpollMs: 500 });
  notifier = new DbNotifier(authed, server.url, ['region-twente']).start();
  for (let i = 0; i < 200 && !notifier.connected; i++) await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  notifier?.stop();
  await server?.close();
});

async function touch(doc: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${db()}/${encodeURIComponent(String(doc._id))}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(doc) });
  expect(res.status).toBe(201);
  return { ...doc, _rev: ((await res.json()) as { rev: string }).rev };
}

describe('shared live reads', () => {
  it('one read serves every kind; each keeps its own; a later change is read anew', async () => {
    expect(notifier.connected).toBe(true);
    const all = (await (await fetch(`${db()}/_changes?include_docs=true`, { headers: auth })).json()) as ChangesPage;
    let candidate = all.results.find((r) => r.doc?.type === 'candidate')!.doc!;
    let note = all.results.find((r) => r.doc?.type === 'organisation')!.doc!;
    const since = String(all.last_seq);
    const shared = new SharedLiveReads(async (url) => (await authed(url)).json() as Promise<ChangesPage>);
    const hooks = { notifier, db: 'region-twente', shared };
    const kinds = ['candidate', 'organisation', 'contact', 'note'];
    const fetches = kinds.map((type) => replicationFetch(authed, { type, knownIds: async () => new Set<string>() }, hooks));
    const live = (f: typeof fetch) => f(`${db()}/_changes?style=all_docs&feed=longpoll&include_docs=true&since=${since}&heartbeat=60000&limit=1000`).then((r) => r.json() as Promise<ChangesPage>);

    // Nothing new: every kind waits on the stream. Then a candidate changes.
    requests.length = 0;
    const versionBefore = notifier.version('region-twente');
    const waiting = fetches.map(live);
    await new Promise((r) => setTimeout(r, 300));
    candidate = await touch(candidate);
    const answers = await Promise.all(waiting);
    const wakeUps = notifier.version('region-twente') - versionBefore;
    // The candidates get exactly the change; the other kinds wake to nothing and would ask again.
    expect(answers[0]!.results.map((r) => r.id)).toEqual([candidate._id]);
    expect(answers.slice(1).every((a) => a.results.length === 0)).toBe(true);
    // The server was asked once before the wait and once per wake-up, not once per kind each time.
    expect(wakeUps).toBeGreaterThan(0);
    expect(requests.length).toBeLessThanOrEqual(1 + wakeUps);
    expect(requests.every((u) => !new URL(u).searchParams.has('selector'))).toBe(true);

    // Asked again from where the answers ended: a change of another kind reaches only its kind.
    const next = answers.map((a) => String(a.last_seq));
    expect(new Set(next).size).toBe(1);
    const again = fetches.map((f) => f(`${db()}/_changes?style=all_docs&feed=longpoll&include_docs=true&since=${next[0]}&heartbeat=60000&limit=1000`).then((r) => r.json() as Promise<ChangesPage>));
    await new Promise((r) => setTimeout(r, 300));
    note = await touch(note);
    const second = await Promise.all(again);
    expect(second[1]!.results.map((r) => r.id)).toEqual([note._id]);
    expect(second[1]!.results.every((r) => r.doc?.type === 'organisation')).toBe(true);
    expect(second[0]!.results).toHaveLength(0);
    await Promise.all(second);
  }, 30_000);

  it('after a full first page the kinds read on narrowed to their own kind', async () => {
    const all = (await (await fetch(`${db()}/_changes?include_docs=true`, { headers: auth })).json()) as ChangesPage;
    const since = String(all.last_seq);
    const before = notifier.version('region-twente');
    for (const r of all.results.filter((x) => x.doc?.type === 'candidate').slice(0, 3)) await touch(r.doc!);
    for (let i = 0; i < 200 && notifier.version('region-twente') === before; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300)); // the stream's signals of the touches are in
    const shared = new SharedLiveReads(async (url) => (await authed(url)).json() as Promise<ChangesPage>);
    const f = replicationFetch(authed, { type: 'contact', knownIds: async () => new Set<string>() }, { notifier, db: 'region-twente', shared });
    requests.length = 0;
    // A burst of 3 candidates against pages of 2: the first page is shared, the next one narrowed.
    const answer = f(`${db()}/_changes?style=all_docs&feed=longpoll&include_docs=true&since=${since}&heartbeat=60000&limit=2`).then((r) => r.json() as Promise<ChangesPage>);
    await new Promise((r) => setTimeout(r, 300));
    const contact = await touch(all.results.find((x) => x.doc?.type === 'contact')!.doc!);
    expect((await answer).results.map((r) => r.id)).toEqual([contact._id]);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(new URL(requests[0]!).searchParams.has('selector')).toBe(false);
    expect(new URL(requests[1]!).searchParams.get('selector')).toContain('"contact"');
  }, 30_000);

  it('shares an answer only within one stream version and for a short while', async () => {
    let t = 0;
    const asked: string[] = [];
    const shared = new SharedLiveReads(async (url) => {
      asked.push(url);
      return { results: [], last_seq: 1 };
    }, 1000, () => t);
    const url = (type: string) => `http://s/region-x/_changes?feed=normal&since=5&filter=_selector&selector=${encodeURIComponent(JSON.stringify({ type }))}`;
    await Promise.all([shared.read(url('candidate'), 3), shared.read(url('note'), 3)]);
    expect(asked).toHaveLength(1);
    expect(new URL(asked[0]!).searchParams.has('selector')).toBe(false);
    await shared.read(url('note'), 4); // another version: asked again
    expect(asked).toHaveLength(2);
    t = 5000;
    await shared.read(url('task'), 4); // too old: asked again, the old ones forgotten
    expect(asked).toHaveLength(3);
    expect(shared.size).toBe(1);
  });
});
