import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidateSchema, checkRegionDocument, clockOf, DEFAULT_CLOCK, DELETED_CLOCK, formatHlc, newCandidate, newVacancy, regionDbName, validate, type Candidate,
} from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { installFieldClocks, resetDeviceClock } from '../../src/renderer/sync/clock';
import { DEMO_PASSWORD } from '../demo/load';
import { sessionCookie } from '../reliability/child-server';
import { replicateRegion, rxClient, type AnyDb } from '../reliability/rx-client';
import { basicAuth, TEST_ADMIN_PASSWORD, StoppableTestServer } from '../testing';
import { wellFormedChild } from './malformed-clocks';

/**
 * Documents stored with malformed field clocks before every kind's clocks were checked
 * (malformed-clocks.ts): compaction writes a revision without them on top, the same in every
 * region database holding a copy; a laptop that pulled the old revision pulls the new one, and
 * can then save the document again (the app validates a document, clocks included, before it
 * writes: with the old clocks a form's edit was refused on the laptop itself).
 */
const CLOCK = formatHlc({ wall: Date.parse('2026-11-01T09:00:00.000Z'), counter: 0, node: 'laptop1' });
type Doc = Record<string, unknown>;
let server: StoppableTestServer;

beforeAll(async () => {
  server = await StoppableTestServer.start('regiodesk-clocks-compact-');
  resetDeviceClock(memoryStore());
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function compact(): Promise<{ clocksRewritten: number }> {
  const res = await fetch(`${server.url}/_regiodesk/admin/compact`, { method: 'POST', headers: { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
  return (await res.json()) as { clocksRewritten: number };
}

async function get(cookie: string, region: string, id: string, query = ''): Promise<Doc> {
  return (await (await fetch(`${server.url}/${regionDbName(region)}/${encodeURIComponent(id)}${query}`, { headers: { Cookie: cookie } })).json()) as Doc;
}

async function sync(db: AnyDb, cookie: string): Promise<void> {
  const { rep, errors } = replicateRegion(db.candidates!, { server: server.url, region: 'twente', cookie, live: false, identifier: 'malformed-clocks' });
  try {
    await rep.awaitInitialReplication();
    expect(errors.map(String)).toEqual([]);
  } finally {
    await rep.cancel();
  }
}

describe('compaction and malformed field clocks stored before they were checked', () => {
  it('rewrites each such document once, the same revision in every copy; a laptop pulls it and can save the document again', async () => {
    const now = '2026-11-01T08:00:00.000Z';
    const { id: cid, ...cand } = newCandidate({ firstName: 'Femke', lastName: 'Veldhuis', place: 'Hengelo', regions: ['twente', 'utrecht'], ownerRegion: 'twente' }, { id: 'c-malformed', user: 'anna', now });
    const { id: vid, ...vac } = newVacancy({ title: 'Docent', organisationId: 'org-1', organisationName: 'Het Stedelijk', function: 'docent', sector: 'vo' }, { id: 'vac-malformed1', region: 'twente', user: 'anna', now });
    const { id: okId, ...ok } = newCandidate({ firstName: 'Sanne', lastName: 'Smit', regions: ['twente'], ownerRegion: 'twente' }, { id: 'c-wellformed', user: 'anna', now });
    const candidate = { _id: cid, _rev: '1-aaaa', ...cand, fieldClocks: { [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK } };
    // Stored as the server took them before (any string up to 64 characters), with the server stopped.
    await server.writeStopped(async (store) => {
      for (const region of ['twente', 'utrecht']) await (await store.open(regionDbName(region)))!.bulkDocs([candidate], false);
      await (await store.open(regionDbName('twente')))!.bulkDocs([
        { _id: vid, ...vac, fieldClocks: { [DEFAULT_CLOCK]: CLOCK, title: '2026-11-01T09:00:00Z' } },
        { _id: okId, ...ok, fieldClocks: { [DEFAULT_CLOCK]: CLOCK, [DELETED_CLOCK]: CLOCK } },
      ], true);
    });
    const anna = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
    const bram = await sessionCookie(server.url, 'bram', DEMO_PASSWORD); // an editor in utrecht

    const laptop = await rxClient(['candidates']);
    installFieldClocks(laptop.collections);
    try {
      await sync(laptop, anna);
      const before = (await laptop.candidates!.findOne(cid).exec())!.toJSON() as Candidate;
      // What a form's save checks first (candidates/actions.ts): refused for the clock alone.
      const refused = validate(candidateSchema, { ...before, place: 'Almelo' });
      expect(refused.ok).toBe(false);
      expect(!refused.ok && Object.keys(refused.errors)).toEqual([`fieldClocks.${DEFAULT_CLOCK}`]);
      const wellFormedRev = (await get(anna, 'twente', okId))._rev;

      // The candidate in both regions and the vacancy: 3, or 2 when the fan-out has carried the
      // twente copy's new revision to utrecht before compaction reached that database.
      const { clocksRewritten } = await compact();
      expect(clocksRewritten).toBeGreaterThanOrEqual(2);
      expect(clocksRewritten).toBeLessThanOrEqual(3);
      const [tw, ut, v] = [await get(anna, 'twente', cid), await get(bram, 'utrecht', cid, '?conflicts=true'), await get(anna, 'twente', vid)];
      expect(tw._rev).toMatch(/^2-/);
      expect(ut._rev).toBe(tw._rev);
      expect(ut._conflicts).toBeUndefined();
      expect(tw.fieldClocks).toEqual({ [DELETED_CLOCK]: CLOCK });
      expect(v.fieldClocks).toEqual({ [DEFAULT_CLOCK]: CLOCK });
      for (const d of [tw, v]) expect(checkRegionDocument('twente', d).ok).toBe(true);
      expect((await get(anna, 'twente', okId))._rev).toBe(wellFormedRev);
      expect((await compact()).clocksRewritten).toBe(0);

      await sync(laptop, anna);
      const after = (await laptop.candidates!.findOne(cid).exec())!;
      expect(after.toJSON().fieldClocks).toEqual({ [DELETED_CLOCK]: CLOCK });
      expect(validate(candidateSchema, { ...(after.toJSON() as Candidate), place: 'Almelo' }).ok).toBe(true);
      await after.incrementalPatch({ place: 'Almelo', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
      await sync(laptop, anna);
      const edited = await get(anna, 'twente', cid);
      expect(edited.place).toBe('Almelo');
      expect(clockOf(edited, 'place')! > CLOCK).toBe(true);
      expect(clockOf(edited, 'firstName')).toBeUndefined();
    } finally {
      await laptop.remove();
    }
  }, 60_000);

  it('keeps a deletion a deletion, and leaves documents without clocks or with well-formed ones alone', () => {
    expect(wellFormedChild({ _id: 'x', _rev: '3-abc', _deleted: true, type: 'candidate', fieldClocks: { [DELETED_CLOCK]: 'x' } })).toMatchObject({ _id: 'x', _deleted: true, fieldClocks: {}, _revisions: { start: 4, ids: [expect.any(String), 'abc'] } });
    expect(wellFormedChild({ _id: 'x', _rev: '3-abc', type: 'candidate' })).toBeNull();
    expect(wellFormedChild({ _id: 'x', _rev: '3-abc', type: 'candidate', fieldClocks: { [DEFAULT_CLOCK]: CLOCK } })).toBeNull();
    expect(wellFormedChild({ _id: 'x', _rev: '3-abc', type: 'candidate', fieldClocks: { name: 17 } })).toMatchObject({ fieldClocks: {} });
  });
});
