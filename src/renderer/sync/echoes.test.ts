import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, type TestServer } from '../../../sync-server/testing';
import { replicationFetch } from './replication';
import type { ChangesPage, ChangesRow } from './kind-fetch';
import { PushedEchoes } from './echoes';

/**
 * Our own pushed documents coming back in the pull are left out, and nothing else is: a later
 * revision written by someone else, a full page, the page's last row. Real server, real HTTP.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 8, maxLongpollMs: 500 });
});
afterAll(() => server?.close());

const auth = { authorization: basicAuth('anna', 'regiodesk') };
const db = () => `${server.url}/region-twente`;
const withAuth = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', auth.authorization);
  return fetch(input, { ...init, headers });
}) as typeof fetch;

async function feed(since = '0'): Promise<ChangesPage> {
  return (await (await fetch(`${db()}/_changes?include_docs=true&since=${since}`, { headers: auth })).json()) as ChangesPage;
}

describe('pulled echoes of our own push', () => {
  it('are left out of a short page; a document someone changed after our push still comes; the last row stays', async () => {
    const start = await feed();
    const candidates = start.results.filter((r) => r.doc?.type === 'candidate').map((r) => r.doc!);
    expect(candidates.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = candidates as Record<string, unknown>[];
    const f = replicationFetch(withAuth, { type: 'candidate', knownIds: async () => new Set() });
    const pull = async (since: string, limit = 1000) =>
      (await (await f(`${db()}/_changes?style=all_docs&feed=normal&include_docs=true&since=${since}&limit=${limit}`)).json()) as ChangesPage;

    // Push three edits as RxDB's CouchDB push does (`_id`, the server's `_rev`).
    const sent = [a, b, c].map((d) => ({ ...d, place: 'Borne' }));
    const res = await f(`${db()}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: sent }) });
    const rows = (await res.json()) as { id: string; ok?: boolean; rev?: string }[];
    expect(rows.every((r) => r.ok)).toBe(true);

    // A colleague changes `a` after our push: its new revision is not ours and must arrive.
    const aNow = { ...sent[0], _rev: rows[0]!.rev, phase: 'matchen' };
    const put = await fetch(`${db()}/${encodeURIComponent(String(a!._id))}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(aNow) });
    expect(put.status).toBe(201);

    const raw = await feed(String(start.last_seq));
    expect(raw.results.map((r) => r.id)).toEqual([b!._id, c!._id, a!._id]); // the server lists all three
    const page = await pull(String(start.last_seq));
    // b and c are our own writes, unchanged: left out (neither is the page's last row); a is the colleague's.
    expect(page.results.map((r) => r.id)).toEqual([a!._id]);
    expect(page.results[0]!.doc!.phase).toBe('matchen');
    expect(page.last_seq).toBe(raw.last_seq); // RxDB's checkpoint moves past the echoes
  });

  it('a full page is handed on whole, and an echo that is the last row stays', async () => {
    const start = await feed();
    const [a, b] = start.results.filter((r) => r.doc?.type === 'candidate').map((r) => r.doc!) as Record<string, unknown>[];
    const f = replicationFetch(withAuth, { type: 'candidate', knownIds: async () => new Set() });
    const sent = [a, b].map((d) => ({ ...d, place: 'Enschede' }));
    await (await f(`${db()}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: sent }) })).json();
    const url = (since: string, limit: number) => `${db()}/_changes?style=all_docs&feed=normal&include_docs=true&since=${since}&limit=${limit}`;

    const full = (await (await f(url(String(start.last_seq), 2))).json()) as ChangesPage;
    expect(full.results.map((r) => r.id)).toEqual([a!._id, b!._id]); // as many as asked: RxDB reads on

    const short = (await (await f(url(String(start.last_seq), 1000))).json()) as ChangesPage;
    expect(short.results.map((r) => r.id)).toEqual([b!._id]); // a left out; b, the last, kept for the checkpoint
  });
});

describe('PushedEchoes', () => {
  const row = (id: string, rev: string, doc: Record<string, unknown>): ChangesRow => ({ seq: id, id, changes: [{ rev }], doc: { _id: id, _rev: rev, ...doc } });

  it('drops only the same revision with the same body, never a deletion', () => {
    const e = new PushedEchoes();
    e.remember(
      [
        { _id: 'x', _rev: '1-a', type: 'candidate', place: 'Borne' },
        { _id: 'y', _rev: '1-a', type: 'candidate', place: 'Borne' },
        { _id: 'z', _rev: '1-a', type: 'candidate', _deleted: true },
        { _id: 'w', _rev: '1-a', type: 'candidate', place: 'Borne' },
      ],
      [
        { id: 'x', ok: true, rev: '2-b' },
        { id: 'y', ok: true, rev: '2-b' },
        { id: 'z', ok: true, rev: '2-b' },
        { id: 'w', error: 'forbidden' },
      ],
    );
    expect(e.size).toBe(2); // the deletion and the refused document are not remembered
    const out = e.drop(
      [
        row('x', '2-b', { type: 'candidate', place: 'Borne' }), // echo: dropped
        row('y', '2-b', { type: 'candidate', place: 'Hengelo' }), // same revision, other body: kept
        row('w', '2-b', { type: 'candidate', place: 'Borne' }), // refused: kept
        { seq: 'z', id: 'z', deleted: true, changes: [{ rev: '2-b' }], doc: { _id: 'z', _rev: '2-b', _deleted: true } },
        row('last', '1-c', { type: 'candidate' }),
      ],
      1000,
    );
    expect(out.map((r) => r.id)).toEqual(['y', 'w', 'z', 'last']);
  });

  it('takes documents in RxDB\'s shape (`id`, the revision only in the row) and forgets the oldest beyond its bound', () => {
    const e = new PushedEchoes(2);
    e.remember([{ _id: 'a', type: 't' }, { _id: 'b', type: 't' }, { _id: 'c', type: 't' }], [
      { id: 'a', ok: true, rev: '1-a' },
      { id: 'b', ok: true, rev: '1-b' },
      { id: 'c', ok: true, rev: '1-c' },
    ]);
    expect(e.size).toBe(2);
    const rx = (id: string, rev: string): ChangesRow => ({ seq: id, id, changes: [{ rev }], doc: { id, type: 't' } });
    expect(e.drop([rx('a', '1-a'), rx('b', '1-b'), rx('c', '1-c'), rx('end', '1-x')], 10).map((r) => r.id)).toEqual(['a', 'end']);
  });
});
