import { describe, expect, it } from 'vitest';
import type { ChangesPage } from './kind-fetch';
import { CATCH_UP_PAGES, catchUpUrl, readCatchingUp } from './catch-up';
import { PULL_BATCH_SIZE, replicationFetch } from './replication';

/** A feed of `n` changes with seqs 1..n and CouchDB's `pending`, recording every request. */
function feed(n: number, calls: string[]) {
  return async (url: string): Promise<ChangesPage> => {
    calls.push(url);
    const u = new URL(url);
    const since = Number(u.searchParams.get('since') ?? 0);
    const limit = Number(u.searchParams.get('limit') ?? 0) || Infinity;
    const results = [];
    for (let s = since + 1; s <= n && results.length < limit; s++) results.push({ seq: s, id: `d${s}` });
    const last = results.length ? results[results.length - 1]!.seq : since;
    return { results, last_seq: last, pending: n - last };
  };
}

const sinceOf = (url: string) => new URL(url).searchParams.get('since');

describe('catch-up batches', () => {
  it('joins full pages into one batch while more is pending, in order and without gaps', async () => {
    const calls: string[] = [];
    const read = feed(23, calls);
    const seen: number[] = [];
    let since: unknown = 0;
    const batches: number[] = [];
    for (;;) {
      const page = await readCatchingUp(read, `http://s/db/_changes?limit=4&since=${since}`, 3, true);
      batches.push(page.results.length);
      seen.push(...page.results.map((r) => r.seq as number));
      since = page.last_seq;
      if (page.results.length < 4) break;
    }
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    // 3 pages of 4 per batch while a full page is pending; the second batch stops before the tail
    // of 3 (less than a page pending), which comes alone as the last, short batch. The server was
    // asked in pages of 4 throughout, each range once.
    expect(batches).toEqual([12, 8, 3]);
    expect(calls.map(sinceOf)).toEqual(['0', '4', '8', '12', '16', '20']);
  });

  it('reads exactly one page when caught up or when the page is short', async () => {
    const calls: string[] = [];
    const page = await readCatchingUp(feed(3, calls), 'http://s/db/_changes?limit=4&since=0', 3, true);
    expect(page.results).toHaveLength(3);
    expect(page.last_seq).toBe(3);
    expect(calls).toHaveLength(1);

    // A full page with nothing pending after it: no further request (a live replication's wake-up).
    const exact: string[] = [];
    const full = await readCatchingUp(feed(4, exact), 'http://s/db/_changes?limit=4&since=0', 3, true);
    expect(full.results).toHaveLength(4);
    expect(exact).toHaveLength(1);
  });

  it('asks a whole batch in one request by default, and a caught-up replication gets its short answer', async () => {
    const calls: string[] = [];
    const read = feed(23, calls);
    const first = await readCatchingUp(read, 'http://s/db/_changes?limit=4&since=0', 3);
    expect(first.results.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const tail = await readCatchingUp(read, `http://s/db/_changes?limit=4&since=20`, 3);
    expect(tail.results.map((r) => r.seq)).toEqual([21, 22, 23]);
    expect(calls.map((u) => [new URL(u).searchParams.get('since'), new URL(u).searchParams.get('limit')])).toEqual([['0', '12'], ['20', '12']]);
  });

  it('multiplies the limit by the pages and leaves other URLs alone', () => {
    const u = new URL(catchUpUrl('http://s/db/_changes?limit=1000&since=7'));
    expect(u.searchParams.get('limit')).toBe(String(1000 * CATCH_UP_PAGES));
    expect(u.searchParams.get('since')).toBe('7');
    expect(new URL(catchUpUrl('http://s/db/_changes?limit=20', 3)).searchParams.get('limit')).toBe('60');
    expect(catchUpUrl('http://s/db/_changes?limit=20', 1)).toBe('http://s/db/_changes?limit=20');
    expect(catchUpUrl('http://s/db/_changes?since=7')).toBe('http://s/db/_changes?since=7');
  });

  it("asks the server for a whole RxDB batch in one request while catching up, and one batch ahead", async () => {
    // The replication's fetch as the app builds it, over a server feed of 12,000 candidates.
    const n = 12_000;
    const calls: URL[] = [];
    const base = (async (input: RequestInfo | URL) => {
      const u = new URL(String(input));
      calls.push(u);
      const since = Number(u.searchParams.get('since') ?? 0);
      const limit = Number(u.searchParams.get('limit') ?? 0) || Infinity;
      const results = [];
      for (let s = since + 1; s <= n && results.length < limit; s++) results.push({ seq: s, id: `c${s}`, changes: [], doc: { id: `c${s}`, type: 'candidate' } });
      const last = results.length ? results[results.length - 1]!.seq : since;
      return new Response(JSON.stringify({ results, last_seq: last, pending: n - last }), { status: 200 });
    }) as typeof fetch;
    const fetchFn = replicationFetch(base, { type: 'candidate', knownIds: async () => new Set() });
    // RxDB's CouchDB pull asks pages of its batch size; the answers may hold more (it stops at a short one).
    const got: number[] = [];
    let since: unknown = 0;
    for (;;) {
      const res = await fetchFn(`http://s/region-x/_changes?style=all_docs&feed=normal&include_docs=true&since=${since}&limit=${PULL_BATCH_SIZE}`);
      const page = (await res.json()) as ChangesPage;
      got.push(page.results.length);
      since = page.last_seq;
      if (page.results.length < PULL_BATCH_SIZE) break;
    }
    const batch = PULL_BATCH_SIZE * CATCH_UP_PAGES;
    expect(got).toEqual([batch, batch, n - 2 * batch, 0]);
    // Each request asked a whole batch; every range was asked once (the next batch read ahead).
    expect(calls.map((u) => u.searchParams.get('limit'))).toEqual(calls.map(() => String(batch)));
    expect(calls.map((u) => u.searchParams.get('since'))).toEqual(['0', '5000', '10000', '12000']);
  });
});
