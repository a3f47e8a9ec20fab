import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkRegionDocument, clockOf, DEFAULT_CLOCK, DELETED_CLOCK, formatHlc, newCandidate, newVacancy, regionDbName,
} from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { installFieldClocks, resetDeviceClock } from '../../src/renderer/sync/clock';
import { DEMO_PASSWORD } from '../demo/load';
import { TEST_ADMIN_PASSWORD, StoppableTestServer } from '../testing';
import { sessionCookie } from './child-server';
import { replicateRegion, rxClient, type AnyDb } from './rx-client';

/**
 * Every kind's field clocks must have the clock's form (src/shared/domain/fields.ts), not only
 * those of notes, referrals and saved views: the server refuses a candidate or a vacancy with a
 * malformed clock as CouchDB refuses a validate_doc_update (403 `forbidden`, the reason naming
 * the field), and takes the compact form (`*`). A document stored before the server checked
 * (it took any string then) stays editable: the app's stamp drops its malformed clocks
 * (field-merge.ts, stampFields), so the laptop's next write is accepted.
 */
const REGION = 'twente';
const CLOCK = formatHlc({ wall: Date.parse('2026-11-26T10:00:00.000Z'), counter: 0, node: 'laptop1' });
type Doc = Record<string, unknown>;

let server: StoppableTestServer;
let anna = '';
const dbUrl = () => `${server.url}/${regionDbName(REGION)}`;
const unique = (tag: string) => `${tag}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  server = await StoppableTestServer.start('regiodesk-clocks-kinds-');
  anna = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
  resetDeviceClock(memoryStore());
}, 60_000);
afterAll(async () => {
  await server?.close();
});

function wire({ id, ...rest }: Doc): Doc {
  return { _id: id, ...rest };
}

async function put(doc: Doc): Promise<{ status: number; body: Doc }> {
  const res = await fetch(`${dbUrl()}/${encodeURIComponent(String(doc._id))}`, {
    method: 'PUT', headers: { Cookie: anna, 'Content-Type': 'application/json' }, body: JSON.stringify(doc),
  });
  return { status: res.status, body: (await res.json()) as Doc };
}

async function serverDoc(id: string): Promise<Doc | null> {
  const res = await fetch(`${dbUrl()}/${encodeURIComponent(id)}`, { headers: { Cookie: anna } });
  return res.status === 404 ? null : ((await res.json()) as Doc);
}

async function sync(db: AnyDb, tag: string): Promise<void> {
  const { rep, errors } = replicateRegion(db.candidates!, { server: server.url, region: REGION, cookie: anna, live: false, identifier: `clocks-kinds-${tag}` });
  try {
    await rep.awaitInitialReplication();
    expect(errors.map(String)).toEqual([]);
  } finally {
    await rep.cancel();
  }
}

describe('the server and the field clocks of candidates and vacancies', () => {
  const now = new Date().toISOString();
  const kinds: Record<string, { make: () => Doc; field: string }> = {
    candidate: { make: () => newCandidate({ firstName: 'Sanne', lastName: 'Smit', place: 'Hengelo', regions: [REGION], ownerRegion: REGION }, { id: unique('c-'), user: 'anna', now }), field: 'place' },
    vacancy: { make: () => newVacancy({ title: 'Docent wiskunde', organisationId: 'org-1', organisationName: 'Het Stedelijk', function: 'docent', sector: 'vo', place: 'Enschede' }, { id: unique('vac-'), region: REGION, user: 'anna', now }), field: 'title' },
  };
  for (const [kind, { make, field }] of Object.entries(kinds)) {
    it(`${kind}: compact clocks accepted, malformed ones refused with forbidden naming the field, nothing stored`, async () => {
      expect((await put({ ...wire(make()), fieldClocks: { [DEFAULT_CLOCK]: CLOCK, [DELETED_CLOCK]: CLOCK } })).status).toBe(201);
      for (const [clocks, named] of [
        [{ [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK }, `fieldClocks.${DEFAULT_CLOCK}`],
        [{ [DEFAULT_CLOCK]: CLOCK, [field]: 'x' }, `fieldClocks.${field}`],
        [{ [DEFAULT_CLOCK]: CLOCK, [field]: '2026-11-26T10:00:00.000Z-0001-laptop' }, `fieldClocks.${field}`],
      ] as const) {
        const bad: Doc = { ...wire(make()), fieldClocks: clocks };
        // The client's check is the server's (documents.ts): the app refuses it before saving.
        expect(checkRegionDocument(REGION, bad).ok, JSON.stringify(clocks)).toBe(false);
        const res = await put(bad);
        expect(res.status, JSON.stringify(clocks)).toBe(403);
        expect(res.body.error).toBe('forbidden');
        expect(String(res.body.reason), JSON.stringify(clocks)).toContain(named);
        expect(await serverDoc(String(bad._id))).toBeNull();
      }
    });
  }
});

describe('a candidate stored with a malformed clock before the server checked', () => {
  it("a laptop's next edit of it is accepted: the malformed clocks are dropped, the edit is clocked, the rest has no clock", async () => {
    const id = unique('c-old');
    const body = newCandidate({ firstName: 'Femke', lastName: 'Veldhuis', place: 'Hengelo', regions: [REGION], ownerRegion: REGION }, { id, user: 'anna', now: '2026-11-01T08:00:00.000Z' });
    // Written as the server took it before (any string up to 64 characters), with the server stopped.
    await server.writeStopped(async (store) => {
      const db = (await store.open(regionDbName(REGION)))!;
      await db.bulkDocs([{ ...wire(body as unknown as Doc), fieldClocks: { [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK } }], true);
    });
    anna = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);

    const laptop = await rxClient(['candidates']);
    installFieldClocks(laptop.collections);
    try {
      await sync(laptop, 'a');
      const pulled = (await laptop.candidates!.findOne(id).exec())!;
      expect(pulled.toJSON().fieldClocks).toEqual({ [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK });
      await pulled.incrementalPatch({ place: 'Almelo', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
      await sync(laptop, 'a');

      const stored = (await serverDoc(id))!;
      expect(stored.place).toBe('Almelo');
      expect(checkRegionDocument(REGION, stored).ok).toBe(true);
      const local = (await laptop.candidates!.findOne(id).exec())!.toJSON() as Doc;
      expect(stored.fieldClocks).toEqual(local.fieldClocks);
      const edit = clockOf(stored, 'place')!;
      expect(edit > CLOCK).toBe(true);
      expect(stored.fieldClocks).toEqual({ [DELETED_CLOCK]: CLOCK, place: edit });
      // The fields `zzz` stood for have no clock: not this edit's, which would beat a colleague's real edit of them.
      for (const f of ['firstName', 'lastName', 'phase']) expect(clockOf(stored, f), f).toBeUndefined();
    } finally {
      await laptop.remove();
    }
  }, 60_000);
});
