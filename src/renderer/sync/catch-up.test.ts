import { describe, expect, it } from 'vitest';
import type { ChangesPage } from './kind-fetch';
import { readCatchingUp } from './catch-up';

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
      const page = await readCatchingUp(read, `http://s/db/_changes?limit=4&since=${since}`, 3);
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
    const page = await readCatchingUp(feed(3, calls), 'http://s/db/_changes?limit=4&since=0');
    expect(page.results).toHaveLength(3);
    expect(page.last_seq).toBe(3);
    expect(calls).toHaveLength(1);

    // A full page with nothing pending after it: no further request (a live replication's wake-up).
    const exact: string[] = [];
    const full = await readCatchingUp(feed(4, exact), 'http://s/db/_changes?limit=4&since=0');
    expect(full.results).toHaveLength(4);
    expect(exact).toHaveLength(1);
  });
});
