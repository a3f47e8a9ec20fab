import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRegionDocument, DELETED_CLOCK, formatHlc, newCandidate, newNote } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

/**
 * A deletion keeps no personal data on the server (deletions.ts): the app pushes a deletion with
 * the document's last body, and whatever is stored is served again to every reader of the region.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 0 });
});
afterAll(() => server?.close());

const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };
const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
const PERSONAL = ['Femke', 'Veldhuis', 'femke@example.nl', '0612345678', 'Gaat verhuizen'];

async function write(db: string, headers: Record<string, string>, docs: unknown[]): Promise<{ id: string; rev: string }[]> {
  const res = await fetch(`${server.url}/${db}/_bulk_docs`, { method: 'POST', headers, body: JSON.stringify({ docs }) });
  expect(res.status).toBe(201);
  const out = (await res.json()) as { id: string; rev: string; error?: string }[];
  expect(out.filter((r) => r.error)).toEqual([]);
  return out;
}

function candidate(id: string) {
  const { id: _id, ...rest } = newCandidate(
    { firstName: 'Femke', lastName: 'Veldhuis', email: 'femke@example.nl', phone: '0612345678', regions: ['twente'], ownerRegion: 'twente' },
    { id, user: 'anna', now: new Date().toISOString() },
  );
  return { _id, ...rest };
}

describe('deletions on the server', () => {
  it('stores a deletion pushed with its whole body as a data-free tombstone that keeps its clock', async () => {
    const doc = candidate('del-cand-1');
    const [created] = await write('region-twente', anna, [doc]);
    const clock = formatHlc({ wall: Date.parse('2026-11-26T10:00:00.000Z'), counter: 1, node: 'laptop' });
    const [deleted] = await write('region-twente', anna, [{ ...doc, _rev: created!.rev, _deleted: true, fieldClocks: { firstName: formatHlc({ wall: Date.parse('2026-11-26T09:00:00.000Z'), counter: 0, node: 'laptop' }), [DELETED_CLOCK]: clock } }]);

    const stored = (await (await fetch(`${server.url}/region-twente/del-cand-1?rev=${deleted!.rev}`, { headers: anna })).json()) as Record<string, unknown>;
    const feed = (await (await fetch(`${server.url}/region-twente/_changes?include_docs=true`, { headers: anna })).json()) as { results: { id: string; doc: unknown }[] };
    const inFeed = feed.results.find((r) => r.id === 'del-cand-1')!.doc;
    for (const body of [stored, inFeed]) {
      const text = JSON.stringify(body);
      for (const p of PERSONAL) expect(text).not.toContain(p);
      expect(body).toMatchObject({ _id: 'del-cand-1', _deleted: true, type: 'candidate', ownerRegion: 'twente', fieldClocks: { [DELETED_CLOCK]: clock } });
    }
    // Still a valid document of its kind (what a laptop or another region would be handed).
    expect(checkRegionDocument('twente', stored).ok).toBe(true);
  });

  it('does the same for a shared note, and leaves a bare deletion as it was sent', async () => {
    const { id: noteId, ...note } = newNote({ candidateId: 'del-cand-2', visibility: 'shared', region: 'twente', text: 'Gaat verhuizen' }, { suffix: 'n1', user: 'anna', now: new Date().toISOString() });
    const cand = candidate('del-cand-2');
    const [c, n] = await write('region-twente', anna, [cand, { _id: noteId, ...note }]);
    const [nd, cd] = await write('region-twente', anna, [
      { _id: noteId, ...note, _rev: n!.rev, _deleted: true },
      { _id: 'del-cand-2', _rev: c!.rev, _deleted: true },
    ]);
    const storedNote = (await (await fetch(`${server.url}/region-twente/${encodeURIComponent(noteId)}?rev=${nd!.rev}`, { headers: anna })).json()) as Record<string, unknown>;
    expect(JSON.stringify(storedNote)).not.toContain('Gaat verhuizen');
    expect(storedNote).toMatchObject({ _deleted: true, type: note.type });
    const bare = (await (await fetch(`${server.url}/region-twente/del-cand-2?rev=${cd!.rev}`, { headers: anna })).json()) as Record<string, unknown>;
    expect(bare).toEqual({ _id: 'del-cand-2', _rev: cd!.rev, _deleted: true });
  });

  it("keeps an admin's own database as CouchDB would (a client's test suite may read a deletion's body)", async () => {
    expect((await fetch(`${server.url}/scratch-deletions`, { method: 'PUT', headers: admin })).status).toBe(201);
    const [w] = await write('scratch-deletions', admin, [{ _id: 'x', type: 'candidate', firstName: 'Femke' }]);
    const [d] = await write('scratch-deletions', admin, [{ _id: 'x', _rev: w!.rev, _deleted: true, type: 'candidate', firstName: 'Femke' }]);
    const stored = (await (await fetch(`${server.url}/scratch-deletions/x?rev=${d!.rev}`, { headers: admin })).json()) as Record<string, unknown>;
    expect(stored.firstName).toBe('Femke');
  });
});
