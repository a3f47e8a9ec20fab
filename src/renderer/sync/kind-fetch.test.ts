import { describe, expect, it } from 'vitest';
import { readKindChanges, type ChangesPage, type ChangesRow } from './kind-fetch';

/** A feed of 10 changes: odd seqs are candidates, even seqs notes, seq 10 a bare deletion stub. */
function feed(): ChangesRow[] {
  const rows: ChangesRow[] = [];
  for (let seq = 1; seq <= 10; seq++) {
    const id = `d${seq}`;
    if (seq === 10) rows.push({ seq, id: 'c-known', doc: { _id: 'c-known', _deleted: true }, deleted: true });
    else rows.push({ seq, id, doc: { _id: id, type: seq % 2 ? 'candidate' : 'note' } });
  }
  return rows;
}

function server(rows: ChangesRow[], calls: string[]) {
  return async (url: string): Promise<ChangesPage> => {
    calls.push(url);
    const u = new URL(url);
    const since = Number(u.searchParams.get('since') ?? 0);
    const limit = Number(u.searchParams.get('limit') ?? 0) || Infinity;
    const after = rows.filter((r) => (r.seq as number) > since);
    const page = after.slice(0, limit);
    return { results: page, last_seq: page.length ? page[page.length - 1]!.seq : since, pending: after.length - page.length };
  };
}

const filter = (type: string, known: string[] = []) => ({
  type,
  knownIds: async (ids: string[]) => new Set(ids.filter((i) => known.includes(i))),
});

describe('changes narrowed to one kind', () => {
  it('fills a batch from further pages and ends it at the row that filled it', async () => {
    const calls: string[] = [];
    const out = await readKindChanges(server(feed(), calls), 'http://s/region-x/_changes?since=0&limit=3', filter('candidate'));
    expect(out.results.map((r) => r.seq)).toEqual([1, 3, 5]);
    expect(out.last_seq).toBe(5);
    expect(calls.length).toBe(2);
    expect(out.pending).toBe(5);
  });

  it('returns a short batch only at the end of the feed, bare stubs only when known locally', async () => {
    const calls: string[] = [];
    const out = await readKindChanges(server(feed(), calls), 'http://s/region-x/_changes?since=5&limit=3', filter('note', ['c-known']));
    expect(out.results.map((r) => r.seq)).toEqual([6, 8, 10]);
    const again = await readKindChanges(server(feed(), calls), 'http://s/region-x/_changes?since=5&limit=5', filter('candidate'));
    expect(again.results.map((r) => r.seq)).toEqual([7, 9]);
    expect(again.last_seq).toBe(10);
  });
});
