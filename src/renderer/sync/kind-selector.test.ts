import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, type TestServer } from '../../../sync-server/testing';
import { replicationFetch } from './replication';
import type { ChangesPage } from './kind-fetch';

/**
 * A replication's `_changes` reads are narrowed on the server (`filter=_selector`) to its kind and
 * bare deletion stubs: the server sends no other kinds, and the client's own filter still decides
 * the stubs. Real server, real HTTP.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 6, maxLongpollMs: 500 });
});
afterAll(() => server?.close());

const auth = { authorization: basicAuth('anna', 'regiodesk') };

/** fetch with anna's credentials that keeps every raw `_changes` answer the server gave. */
function recording(pages: ChangesPage[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', auth.authorization);
    const res = await fetch(input, { ...init, headers });
    if (String(input).includes('/_changes')) pages.push((await res.clone().json()) as ChangesPage);
    return res;
  }) as typeof fetch;
}

describe('kind narrowing on the server', () => {
  it('the server answers only the kind and bare stubs; the client keeps the stubs it knows', async () => {
    const all = (await (await fetch(`${server.url}/region-twente/_changes?include_docs=true`, { headers: auth })).json()) as ChangesPage;
    const types = new Set(all.results.map((r) => r.doc?.type));
    expect(types.size).toBeGreaterThan(1); // the region holds several kinds
    const victim = all.results.find((r) => r.doc?.type === 'candidate')!;
    // A bare deletion stub (no type), as a plain CouchDB DELETE leaves it.
    const del = await fetch(`${server.url}/region-twente/${encodeURIComponent(victim.id)}?rev=${(victim.doc as { _rev: string })._rev}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(200);

    const raw: ChangesPage[] = [];
    const f = replicationFetch(recording(raw), { type: 'candidate', knownIds: async (ids) => new Set(ids.filter((i) => i === victim.id)) });
    const res = await f(`${server.url}/region-twente/_changes?style=all_docs&feed=normal&include_docs=true&since=0&limit=1000`);
    const page = (await res.json()) as ChangesPage;
    const served = raw.flatMap((p) => p.results);
    expect(served.length).toBeGreaterThan(0);
    expect(served.every((r) => r.doc?.type === 'candidate' || (r.doc?.type === undefined && r.deleted))).toBe(true);
    expect(served.length).toBeLessThan(all.results.length);
    expect(page.results.some((r) => r.id === victim.id && r.deleted)).toBe(true);
    expect(page.results.every((r) => r.doc?.type === 'candidate' || r.id === victim.id)).toBe(true);

    // The same read for notes: no candidates from the server, and the stub of a candidate the
    // notes collection does not hold is left out by the client.
    const notes: ChangesPage[] = [];
    const g = replicationFetch(recording(notes), { type: 'note', knownIds: async () => new Set() });
    const notePage = (await (await g(`${server.url}/region-twente/_changes?style=all_docs&include_docs=true&since=0&limit=1000`)).json()) as ChangesPage;
    expect(notes.flatMap((p) => p.results).some((r) => r.doc?.type === 'candidate')).toBe(false);
    expect(notePage.results.every((r) => r.doc?.type === 'note')).toBe(true);
  });
});
