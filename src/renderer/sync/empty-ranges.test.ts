import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, type TestServer } from '../../../sync-server/testing';
import { replicationFetch } from './replication';
import type { ChangesPage } from './kind-fetch';
import { EmptyRanges } from './empty-ranges';

/**
 * RxDB keeps its pull checkpoint where it was after a pull with no documents of the kind, and asks
 * from there again at every resync: the replication's fetch asks the server from where the last
 * empty answer ended instead, and still brings every later document of the kind. Real server,
 * real HTTP.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 6, maxLongpollMs: 500 });
});
afterAll(() => server?.close());

const auth = { authorization: basicAuth('anna', 'regiodesk') };
const db = () => `${server.url}/region-twente`;

/** fetch with anna's credentials that keeps the `since` of every `_changes` request it makes. */
function recording(sinces: string[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', auth.authorization);
    if (String(input).includes('/_changes')) sinces.push(new URL(String(input)).searchParams.get('since') ?? '');
    return fetch(input, { ...init, headers });
  }) as typeof fetch;
}

/** Stores a document again unchanged: a new revision, so a new place at the end of the feed. */
async function touch(doc: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${db()}/${encodeURIComponent(String(doc._id))}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(doc) });
  expect(res.status).toBe(201);
  return { ...doc, _rev: ((await res.json()) as { rev: string }).rev };
}

describe('pulls with nothing of the kind', () => {
  it('the next pull from the same checkpoint starts where the empty answer ended; later documents still arrive', async () => {
    const all = (await (await fetch(`${db()}/_changes?include_docs=true`, { headers: auth })).json()) as ChangesPage;
    let other = all.results.find((r) => r.doc && r.doc.type !== 'candidate')!.doc!;
    let candidate = all.results.find((r) => r.doc?.type === 'candidate')!.doc!;
    const sinces: string[] = [];
    const f = replicationFetch(recording(sinces), { type: 'candidate', knownIds: async () => new Set() });
    const pull = async (since: string) =>
      (await (await f(`${db()}/_changes?style=all_docs&feed=normal&include_docs=true&since=${since}&limit=1000`)).json()) as ChangesPage;

    const first = await pull('0');
    expect(first.results.length).toBeGreaterThan(0);
    const checkpoint = String(first.last_seq); // RxDB's checkpoint after the last batch with documents

    other = await touch(other);
    const empty = await pull(checkpoint);
    expect(empty.results).toHaveLength(0);
    expect(sinces.at(-1)).toBe(checkpoint);

    // RxDB asks from its unchanged checkpoint again: the server is asked from the empty answer's end.
    other = await touch(other);
    sinces.length = 0;
    const again = await pull(checkpoint);
    expect(again.results).toHaveLength(0);
    expect(sinces[0]).toBe(String(empty.last_seq));
    expect(sinces[0]).not.toBe(checkpoint);

    // A document of the kind changed since still comes (its new place is after every empty range).
    candidate = await touch(candidate);
    sinces.length = 0;
    const found = await pull(checkpoint);
    expect(sinces[0]).toBe(String(again.last_seq));
    expect(found.results.map((r) => r.id)).toEqual([candidate._id]);
  });
});

describe('EmptyRanges', () => {
  it('remembers only empty answers to the checkpoint RxDB keeps asking from', () => {
    const r = new EmptyRanges();
    expect(r.since('5')).toBe('5');
    r.answered('5', '5', 0, '9');
    expect(r.since('5')).toBe('9');
    expect(r.since('7')).toBe('7'); // another checkpoint: asked as it is
    r.answered('5', '9', 0, '12');
    expect(r.since('5')).toBe('12');
    r.answered('5', '12', 3, '15'); // documents: RxDB's checkpoint moves on, nothing to remember
    expect(r.since('5')).toBe('5');
  });
});
