import { describe, expect, it } from 'vitest';
import type { ChangesPage } from './kind-fetch';
import { prefetchingPages, sameQuery } from './prefetch';

/** A feed of `n` changes with seqs 1..n, answered page by page, recording every request. */
function feed(n: number, calls: string[], fail = new Set<number>()) {
  return async (url: string): Promise<ChangesPage> => {
    calls.push(url);
    const u = new URL(url);
    const since = Number(u.searchParams.get('since') ?? 0);
    if (fail.has(since)) {
      fail.delete(since);
      throw new Error('network');
    }
    const limit = Number(u.searchParams.get('limit') ?? 0) || Infinity;
    const rows = [];
    for (let s = since + 1; s <= n && rows.length < limit; s++) rows.push({ seq: s, id: `d${s}` });
    return { results: rows, last_seq: rows.length ? rows[rows.length - 1]!.seq : since };
  };
}

describe('reading _changes pages ahead', () => {
  it('serves the next page from the read-ahead and stops reading ahead at a short page', async () => {
    const calls: string[] = [];
    const get = prefetchingPages(feed(25, calls));
    const seen: number[] = [];
    let since: unknown = 0;
    for (;;) {
      // RxDB's parameter order differs from ours: the match ignores order.
      const page = await get(`http://s/db/_changes?limit=10&since=${since}&include_docs=true`);
      seen.push(...page.results.map((r) => r.seq as number));
      since = page.last_seq;
      if (page.results.length < 10) break;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // 3 pages, each read once: the read-ahead was used, not repeated.
    expect(calls.map((c) => new URL(c).searchParams.get('since'))).toEqual(['0', '10', '20']);
  });

  it('asks afresh when the caller wants something else or the read-ahead failed', async () => {
    const calls: string[] = [];
    const get = prefetchingPages(feed(30, calls, new Set([10])));
    await get('http://s/db/_changes?since=0&limit=10');
    await new Promise((r) => setTimeout(r, 0));
    const page = await get('http://s/db/_changes?since=10&limit=10');
    expect(page.results[0]!.seq).toBe(11);
    const other = await get('http://s/db/_changes?since=3&limit=10');
    expect(other.results[0]!.seq).toBe(4);
  });

  it('reads up to `depth` pages ahead, one request at a time, and each page once', async () => {
    const calls: string[] = [];
    let open = 0;
    let maxOpen = 0;
    const base = feed(95, calls);
    const counted = async (url: string) => {
      maxOpen = Math.max(maxOpen, ++open);
      try {
        return await base(url);
      } finally {
        open--;
      }
    };
    const settle = () => new Promise((r) => setTimeout(r, 5));
    const get = prefetchingPages(counted, 3);
    const sinces = () => calls.map((c) => new URL(c).searchParams.get('since'));
    const first = await get('http://s/db/_changes?since=0&limit=10');
    expect(first.results[0]!.seq).toBe(1);
    await settle();
    // Three pages ahead, no more, while the caller is busy with the first.
    expect(sinces()).toEqual(['0', '10', '20', '30']);
    const second = await get('http://s/db/_changes?limit=10&since=10');
    expect(second.results[0]!.seq).toBe(11);
    await settle();
    expect(sinces()).toEqual(['0', '10', '20', '30', '40']);
    const seen = [...first.results, ...second.results].map((r) => r.seq as number);
    let since: unknown = second.last_seq;
    for (;;) {
      const page = await get(`http://s/db/_changes?since=${since}&limit=10`);
      seen.push(...page.results.map((r) => r.seq as number));
      since = page.last_seq;
      if (page.results.length < 10) break;
    }
    expect(seen).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    expect(sinces()).toEqual(['0', '10', '20', '30', '40', '50', '60', '70', '80', '90']);
    expect(maxOpen).toBe(1);
  });

  it('after a failed read-ahead asks again and reads ahead from there', async () => {
    const calls: string[] = [];
    const get = prefetchingPages(feed(50, calls, new Set([20])), 3);
    await get('http://s/db/_changes?since=0&limit=10');
    await new Promise((r) => setTimeout(r, 5));
    expect((await get('http://s/db/_changes?since=10&limit=10')).results[0]!.seq).toBe(11);
    const third = await get('http://s/db/_changes?since=20&limit=10');
    expect(third.results[0]!.seq).toBe(21);
    await new Promise((r) => setTimeout(r, 5));
    expect((await get('http://s/db/_changes?since=30&limit=10')).results[0]!.seq).toBe(31);
  });

  it('never reads a long-poll ahead', async () => {
    const calls: string[] = [];
    const get = prefetchingPages(feed(30, calls));
    await get('http://s/db/_changes?feed=longpoll&since=0&limit=10');
    expect(calls).toHaveLength(1);
  });

  it('compares queries without regard to parameter order', () => {
    expect(sameQuery('http://s/db/_changes?a=1&b=2', 'http://s/db/_changes?b=2&a=1')).toBe(true);
    expect(sameQuery('http://s/db/_changes?a=1', 'http://s/other/_changes?a=1')).toBe(false);
    expect(sameQuery('http://s/db/_changes?a=1', 'http://s/db/_changes?a=2')).toBe(false);
  });
});
