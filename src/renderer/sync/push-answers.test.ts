import { afterEach, describe, expect, it, vi } from 'vitest';
import { replicationFetch } from './replication';

afterEach(() => vi.restoreAllMocks());

/** A server answering the push's two requests; counts how often the answers are serialised after it. */
function server(): typeof fetch {
  const allDocs = { rows: [{ id: 'c1', key: 'c1', value: { rev: '1-a' }, doc: { _id: 'c1', _rev: '1-a', type: 'candidate', place: 'Hengelo' } }] };
  const bulk = [{ id: 'c1', ok: true, rev: '2-b' }, { id: 'c2', error: 'forbidden', reason: 'not your region' }];
  return (async (input: RequestInfo | URL) => {
    const url = String(input);
    return new Response(JSON.stringify(/_all_docs/.test(url) ? allDocs : bulk), { status: url.includes('_bulk_docs') ? 201 : 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe("the push's answers", () => {
  it('reach RxDB parsed once: the answers of _all_docs and _bulk_docs are not serialised again', async () => {
    const rejected: unknown[] = [];
    const f = replicationFetch(server(), { type: 'candidate', knownIds: async () => new Set() }, { onRejected: (rows) => rejected.push(...rows) });
    const stringify = vi.spyOn(JSON, 'stringify');

    const all = await f('http://s/region-twente/_all_docs?', { method: 'POST', body: '{"keys":["c1"],"include_docs":true}' });
    const bulk = await f('http://s/region-twente/_bulk_docs?', { method: 'POST', body: '{"docs":[]}' });
    const allBody = await all.json();
    const bulkBody = await bulk.json();
    // The server mock serialises each answer once; nothing after it does.
    const answers = stringify.mock.calls.filter(([v]) => Array.isArray(v) || (typeof v === 'object' && v !== null && 'rows' in v));
    expect(answers).toHaveLength(2);

    expect(all.status).toBe(200);
    expect(allBody).toMatchObject({ rows: [{ id: 'c1', doc: { _id: 'c1', place: 'Hengelo' } }] });
    expect(bulk.status).toBe(201);
    expect(bulkBody).toEqual([{ id: 'c1', ok: true, rev: '2-b' }]); // the refused row is taken out, as before
    expect(rejected).toEqual([{ id: 'c2', error: 'forbidden', reason: 'not your region' }]);
  });
});
