import { describe, expect, it } from 'vitest';
import {
  clockOf, compactClocks, DEFAULT_CLOCK, DELETED_CLOCK, expandClocks, Hlc, newCandidate, newNote, newReferral, regionDbName, SAVED_VIEW_TYPE,
} from '../../src/shared';
import { stampFieldsFullMap } from '../../src/shared/sync/field-merge.full-map';
import { installFieldClocks } from '../../src/renderer/sync/clock';
import { content, rxClient, type AnyDb } from './rx-client';
import { twoAdvisors } from './two-advisors';

/**
 * Compact field clocks (src/shared/sync/field-clocks.ts) through the real server: it accepts the
 * default clock `*` on the kinds whose clocks it checks and refuses a malformed one by name; and
 * a laptop holding a document in the full form from before (every clock by name, one clock per
 * field, as the previous app stamped) meets the compact form a colleague's laptop wrote: the
 * app's conflict handler merges them, and both laptops and the server end with the same bytes.
 */
const REGION = 'twente';
const advisors = twoAdvisors(REGION);
const CLOCK = '001795700000000-00000-laptop1';
const dbUrl = () => `${advisors.url}/${regionDbName(REGION)}`;
const unique = (tag: string) => `${tag}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Doc = Record<string, unknown>;

async function put(doc: Doc): Promise<{ status: number; body: Doc }> {
  const res = await fetch(`${dbUrl()}/${encodeURIComponent(String(doc._id))}`, {
    method: 'PUT', headers: { Cookie: advisors.cookie(0), 'Content-Type': 'application/json' }, body: JSON.stringify(doc),
  });
  return { status: res.status, body: (await res.json()) as Doc };
}

function wire({ id, ...rest }: Doc): Doc {
  return { _id: id, ...rest };
}

describe('the server and compact field clocks', () => {
  const now = new Date().toISOString();
  const kinds: Record<string, () => Doc> = {
    note: () => newNote({ candidateId: unique('c'), visibility: 'shared', region: REGION, text: 'Belt terug.' }, { suffix: 'n1', user: 'anna', now }),
    referral: () => newReferral({ candidateId: unique('c'), kind: 'referral', fromRegion: REGION, toRegion: 'utrecht', reason: 'Verhuist.', name: 'Sanne' }, { suffix: 'r1', user: 'anna', now }),
    savedView: () => ({
      id: unique('view-'), type: SAVED_VIEW_TYPE, name: 'Mijn lijst', owner: 'anna', region: REGION, shared: true,
      spec: { phases: [], filter: { combinator: 'and', rules: [] }, sort: [], columns: [], mode: 'table' }, createdAt: now, updatedAt: now, updatedBy: 'anna',
    }),
  };
  for (const [kind, make] of Object.entries(kinds)) {
    it(`${kind}: the default clock is accepted, a malformed one refused naming fieldClocks.*`, async () => {
      expect((await put({ ...wire(make()), fieldClocks: { [DEFAULT_CLOCK]: CLOCK, [DELETED_CLOCK]: CLOCK } })).status).toBe(201);
      const bad: Doc = { ...wire(make()), fieldClocks: { [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK } };
      const res = await put(bad);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
      expect(String(res.body.reason)).toContain(`fieldClocks.${DEFAULT_CLOCK}`);
      expect((await fetch(`${dbUrl()}/${encodeURIComponent(String(bad._id))}`, { headers: { Cookie: advisors.cookie(0) } })).status).toBe(404);
    });
  }
});

async function sync(db: AnyDb, c: number, tag: string): Promise<void> {
  return advisors.syncOnce(db.candidates!, c, `compact-${tag}-${c}`);
}

describe('a document in the full form from before meets a compact one', () => {
  it('the merge is the same on both laptops and the server, byte for byte, and keeps every edit by its clock', async () => {
    const a = await rxClient(['candidates']);
    installFieldClocks(a.collections);
    // b is a laptop that was on the previous version: no hooks of this version yet.
    const b = await rxClient(['candidates']);
    const tag = unique('m');
    let skew = 0;
    const previousApp = new Hlc('previous', () => Date.now() + skew);
    try {
      // Created by the previous app: one clock per field, every clock by name.
      const created = stampFieldsFullMap(undefined, newCandidate(
        { firstName: 'Sanne', lastName: 'Smit', regions: [REGION], ownerRegion: REGION, place: 'Hengelo', phone: '0612345678', motivation: 'Wil lesgeven.' },
        { id: `c-${tag}`, user: 'anna', now: new Date().toISOString() },
      ) as unknown as Doc, () => previousApp.tick());
      const fullClocks = created.fieldClocks as Record<string, string>;
      expect(new Set(Object.values(fullClocks)).size).toBe(Object.keys(fullClocks).length);
      expect((await put(wire(created))).status).toBe(201);
      await sync(a, 0, tag);
      await sync(b, 1, tag);
      const id = String(created.id);

      // Offline, both. a (this version) edits three fields in one edit: stored once, under `*`.
      await (await a.candidates!.findOne(id).exec())!.incrementalPatch({ place: 'Almelo', phone: '0600000001', motivation: 'Wil wiskunde geven.', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
      const onA = (await a.candidates!.findOne(id).exec())!.toJSON() as Doc;
      expect(onA.fieldClocks).toHaveProperty(DEFAULT_CLOCK);
      const aClock = clockOf(onA, 'place')!;
      // b, still on the previous version, edits two fields later (its clock runs a minute ahead): a full map.
      skew = 60_000;
      await (await b.candidates!.findOne(id).exec())!.incrementalModify((cur: Doc) =>
        stampFieldsFullMap(cur, { ...cur, firstName: 'Sanna', phone: '0600000002', updatedAt: new Date(Date.now() + skew).toISOString(), updatedBy: 'daan' }, () => previousApp.tick()),
      );
      const onB = (await b.candidates!.findOne(id).exec())!.toJSON() as Doc;
      expect(onB.fieldClocks).not.toHaveProperty(DEFAULT_CLOCK);
      const bPhone = (onB.fieldClocks as Record<string, string>).phone!;

      // b updates to this version, then both sync: b meets a's compact document as a conflict.
      installFieldClocks(b.collections);
      await sync(a, 0, tag);
      await sync(b, 1, tag);
      await sync(a, 0, tag);

      const server = (await advisors.serverDoc(id))!;
      const docs = { a: (await a.candidates!.findOne(id).exec())!.toJSON() as Doc, b: (await b.candidates!.findOne(id).exec())!.toJSON() as Doc };
      expect(server).toMatchObject({ place: 'Almelo', motivation: 'Wil wiskunde geven.', firstName: 'Sanna', phone: '0600000002' });
      expect(clockOf(server, 'place')).toBe(aClock);
      expect(clockOf(server, 'phone')).toBe(bPhone);
      expect(clockOf(server, 'lastName')).toBe(fullClocks.lastName);
      for (const [who, doc] of Object.entries(docs)) {
        expect(JSON.stringify(content(doc)), `laptop ${who}: the server's bytes`).toBe(JSON.stringify(content(server)));
      }
      // Canonical compact form: what compactClocks writes for the merged values and clocks.
      expect(JSON.stringify(server.fieldClocks)).toBe(JSON.stringify(compactClocks(server, expandClocks(server))));
      expect(server.fieldClocks).toHaveProperty(DEFAULT_CLOCK);

      // Settled: another round on both changes nothing on the server.
      const rev = server._rev;
      await sync(b, 1, tag);
      await sync(a, 0, tag);
      expect((await advisors.serverDoc(id))!._rev).toBe(rev);
    } finally {
      await Promise.all([a.remove(), b.remove()]);
    }
  }, 60_000);
});
