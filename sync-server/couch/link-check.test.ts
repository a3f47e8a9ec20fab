import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateDoc, noteDoc } from '../fanout/fixtures';
import type { Json } from '../store/types';
import { basicAuth, startTestServer, type TestServer } from '../testing';

// The write path refuses documents about a candidate its owner region has not linked to the
// target region: a stale laptop of an unlinked region must not bring the person back.
let server: TestServer;
const auth = { anna: basicAuth('anna', 'regiodesk'), bram: basicAuth('bram', 'regiodesk') };
type Who = keyof typeof auth;

async function call(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: auth[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}

async function until(what: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What a laptop pushes after editing its copy offline: a child revision, with history. */
function offlineEdit(doc: Json, patch: Json, hash: string): Json {
  const [n, prev] = String(doc._rev).split('-') as [string, string];
  const next = Number(n) + 1;
  const { _revisions: _r, ...rest } = doc;
  return { ...rest, ...patch, _rev: `${next}-${hash}`, _revisions: { start: next, ids: [hash, prev] } };
}

const inUtrecht = async (id: string) => (await call('bram', 'GET', `/region-utrecht/${encodeURIComponent(id)}`)).status === 200;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3 });
}, 60_000);
afterAll(() => server?.close());

describe('writes about a candidate from a region it is not linked to', () => {
  it('a stale push after unlinking is refused and the region stays without the person; the rest of the batch is written', async () => {
    const w = await call('anna', 'POST', '/region-twente/_bulk_docs', { docs: [candidateDoc('lcstale', ['twente', 'utrecht'], 'twente'), noteDoc('lcstale', 'n1', 'twente', 'shared')] });
    expect(w.status).toBe(201);
    await until(() => inUtrecht('lcstale'));
    // Bram's laptop goes offline with the linked version.
    const stale = (await call('bram', 'GET', '/region-utrecht/lcstale')).json as Json;
    expect((await call('anna', 'POST', '/_regiodesk/unlink', { candidateId: 'lcstale', region: 'utrecht' })).status).toBe(200);
    await until(async () => !(await inUtrecht('lcstale')));

    const own = candidateDoc('lcbram', ['utrecht'], 'utrecht');
    const push = await call('bram', 'POST', '/region-utrecht/_bulk_docs', {
      new_edits: false,
      docs: [offlineEdit(stale, { place: 'Utrecht' }, 'a1b2'), { ...noteDoc('lcstale', 'n2', 'utrecht', 'shared'), _rev: '1-e5f6' }, { ...own, _rev: '1-c3d4' }],
    });
    expect(push.status).toBe(201);
    const refused = push.json as { id: string; error: string; reason: string }[];
    expect(refused.map((r) => [r.id, r.error])).toEqual([
      ['lcstale', 'forbidden'],
      ['lcstale:n:n2', 'forbidden'],
    ]);
    expect(refused[0]!.reason).toContain('utrecht');
    // The same as a laptop using new_edits (a single PUT): 403.
    const put = await call('bram', 'PUT', '/region-utrecht/lcstale', { ...stale, _rev: undefined, place: 'Amersfoort' });
    expect(put.status).toBe(403);
    expect(put.json).toMatchObject({ error: 'forbidden' });

    expect(await inUtrecht('lcstale')).toBe(false);
    expect(await inUtrecht('lcstale:n:n2')).toBe(false);
    expect(await inUtrecht('lcbram')).toBe(true);
    const changes = await call('bram', 'GET', '/region-utrecht/_changes?include_docs=true&style=all_docs');
    expect(changes.text).not.toContain('Test lcstale');
    // The owner's copy is untouched.
    expect((await call('anna', 'GET', '/region-twente/lcstale')).json).toMatchObject({ regions: ['twente'] });
  });

  it('a candidate that claims a link its owner region does not have, and a note about it, are refused', async () => {
    expect((await call('anna', 'PUT', '/region-twente/lcnever', candidateDoc('lcnever', ['twente'], 'twente'))).status).toBe(201);
    const forged = candidateDoc('lcnever', ['twente', 'utrecht'], 'twente');
    const put = await call('bram', 'PUT', '/region-utrecht/lcnever', forged);
    expect(put.status).toBe(403);
    expect(put.json.reason).toContain('utrecht');
    const note = await call('bram', 'PUT', '/region-utrecht/lcnever%3An%3An1', noteDoc('lcnever', 'n1', 'utrecht', 'shared'));
    expect(note.status).toBe(403);
    const comment = await call('bram', 'POST', '/region-utrecht/_bulk_docs', { docs: [noteDoc('lcnever', 'k1', 'utrecht', 'region')] });
    expect(comment.json[0]).toMatchObject({ error: 'forbidden' });
    expect(await inUtrecht('lcnever')).toBe(false);
  });

  it('a linked region still writes the candidate and its notes; the owner region always writes; deletions pass', async () => {
    await call('anna', 'POST', '/region-twente/_bulk_docs', { docs: [candidateDoc('lclinked', ['twente', 'utrecht'], 'twente')] });
    await until(() => inUtrecht('lclinked'));
    const cur = (await call('bram', 'GET', '/region-utrecht/lclinked')).json as Json;
    const edit = await call('bram', 'PUT', '/region-utrecht/lclinked', { ...cur, place: 'Zeist' });
    expect(edit.status).toBe(201);
    const notes = await call('bram', 'POST', '/region-utrecht/_bulk_docs', { docs: [noteDoc('lclinked', 'n1', 'utrecht', 'shared'), noteDoc('lclinked', 'k1', 'utrecht', 'region')] });
    expect(notes.json.map((r: { ok?: boolean }) => r.ok)).toEqual([true, true]);
    // The note reaches the owner region.
    await until(async () => (await call('anna', 'GET', '/region-twente/lclinked%3An%3An1')).status === 200);

    // The owner writes whatever its copy says, including notes about its candidates.
    const own = await call('anna', 'POST', '/region-twente/_bulk_docs', { docs: [noteDoc('lcstale', 'n3', 'twente', 'shared'), noteDoc('lcnew', 'n1', 'twente', 'shared'), candidateDoc('lcnew', ['twente'])] });
    expect(own.json.map((r: { ok?: boolean }) => r.ok)).toEqual([true, true, true]);
    // A new person of Utrecht whose note is pushed before the person itself.
    expect((await call('bram', 'PUT', '/region-utrecht/lcfresh%3An%3An1', noteDoc('lcfresh', 'n1', 'utrecht', 'shared'))).status).toBe(201);

    // Deleting a document about an unlinked candidate (a tombstone) is harmless and accepted.
    const comment = await call('bram', 'PUT', '/region-utrecht/lcgone%3An%3Ak1', noteDoc('lcgone', 'k1', 'utrecht', 'region'));
    expect(comment.status).toBe(201);
    expect((await call('anna', 'PUT', '/region-twente/lcgone', candidateDoc('lcgone', ['twente']))).status).toBe(201);
    const del = await call('bram', 'DELETE', `/region-utrecht/lcgone%3An%3Ak1?rev=${comment.json.rev}`);
    expect(del.status).toBe(200);
  });

  it('a referral from the unlinked region to the owner still goes through', async () => {
    const ref = {
      _id: 'lcstale:r:x1', type: 'referral', candidateId: 'lcstale', kind: 'referral', fromRegion: 'utrecht', toRegion: 'twente',
      reason: 'Graag opnieuw koppelen', summary: { name: 'Zoë Test' }, status: 'open',
      createdAt: '2026-03-02T10:00:00.000Z', createdBy: 'bram', updatedAt: '2026-03-02T10:00:00.000Z',
    };
    expect((await call('bram', 'PUT', '/region-utrecht/lcstale%3Ar%3Ax1', ref)).status).toBe(201);
  });
});
