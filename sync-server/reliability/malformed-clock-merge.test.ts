import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRegionDocument, clockOf, DEFAULT_CLOCK, DELETED_CLOCK, formatHlc, newCandidate, regionDbName } from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { installFieldClocks, resetDeviceClock } from '../../src/renderer/sync/clock';
import { DEMO_PASSWORD } from '../demo/load';
import { TEST_ADMIN_PASSWORD, StoppableTestServer } from '../testing';
import { sessionCookie } from './child-server';
import { replicateRegion, rxClient, type AnyDb } from './rx-client';

/**
 * A malformed field clock (`zzz`, stored before every kind checked its clocks) must never win a
 * merge: compared as a string it beats every real clock. The merge reads it as no clock
 * (field-clocks.ts, clockReader), so the rules for documents from before clocks decide.
 */
const REGION = 'twente';
const CLOCK = formatHlc({ wall: Date.parse('2026-11-26T10:00:00.000Z'), counter: 0, node: 'laptop1' });
type Doc = Record<string, unknown>;

let server: StoppableTestServer;
let anna = '';

beforeAll(async () => {
  server = await StoppableTestServer.start('regiodesk-malformed-merge-');
  resetDeviceClock(memoryStore());
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function serverDoc(id: string): Promise<Doc | null> {
  const res = await fetch(`${server.url}/${regionDbName(REGION)}/${encodeURIComponent(id)}`, { headers: { Cookie: anna } });
  return res.status === 404 ? null : ((await res.json()) as Doc);
}

async function sync(db: AnyDb, tag: string): Promise<unknown[]> {
  const { rep, errors } = replicateRegion(db.candidates!, { server: server.url, region: REGION, cookie: anna, live: false, identifier: `malformed-merge-${tag}` });
  try {
    await rep.awaitInitialReplication();
    await rep.awaitInSync();
  } finally {
    await rep.cancel();
  }
  return errors;
}

/** A candidate stored with `*: zzz` as the server took it before it checked clocks, written with the server stopped (as clocks-every-kind.test.ts). */
async function storeWithZzz(tag: string): Promise<string> {
  const id = `c-zzz-${tag}-${Date.now().toString(36)}`;
  const body = newCandidate({ firstName: 'Femke', lastName: 'Veldhuis', place: 'Hengelo', regions: [REGION], ownerRegion: REGION }, { id, user: 'anna', now: '2026-11-01T08:00:00.000Z' });
  await server.writeStopped(async (store) => {
    const db = (await store.open(regionDbName(REGION)))!;
    const { id: _id, ...rest } = body as unknown as Doc;
    await db.bulkDocs([{ _id, ...rest, fieldClocks: { [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK } }], true);
  });
  anna = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
  return id;
}

describe('a candidate stored with `*: zzz`: an offline edit of place reaches the server', () => {
  // The colleague's stamp drops `zzz` from the server's copy, so this merge meets no `zzz` on the
  // server's side (it held before the fix too): it guards the conflict path of such a document.
  it("the first laptop's offline edit of place survives the merge with the colleague's edit: the server keeps it", async () => {
    const id = await storeWithZzz('two');
    const laptop = await rxClient(['candidates']);
    const colleague = await rxClient(['candidates']);
    installFieldClocks(laptop.collections);
    installFieldClocks(colleague.collections);
    try {
      expect(await sync(laptop, 'laptop')).toEqual([]);
      expect(await sync(colleague, 'colleague')).toEqual([]);
      const theirs = (await colleague.candidates!.findOne(id).exec())!;
      await theirs.incrementalPatch({ phone: '0612345678', updatedAt: new Date().toISOString(), updatedBy: 'daan' });
      expect(await sync(colleague, 'colleague')).toEqual([]);
      const afterColleague = (await serverDoc(id))!;
      expect(afterColleague.phone).toBe('0612345678');

      // Offline: edited before it saw the colleague's change; its push meets a conflict.
      const mine = (await laptop.candidates!.findOne(id).exec())!;
      await mine.incrementalPatch({ place: 'Almelo', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
      const errors = await sync(laptop, 'laptop');

      const stored = (await serverDoc(id))!;
      expect({ place: stored.place, phone: stored.phone }).toEqual({ place: 'Almelo', phone: '0612345678' });
      expect(errors.map(String)).toEqual([]);
      expect(checkRegionDocument(REGION, stored).ok).toBe(true);
      expect(clockOf(stored, 'place')! > CLOCK).toBe(true);
      const local = (await laptop.candidates!.findOne(id).exec())!.toJSON() as Doc;
      expect({ place: local.place, phone: local.phone }).toEqual({ place: 'Almelo', phone: '0612345678' });
    } finally {
      await laptop.remove();
      await colleague.remove();
    }
  }, 60_000);

  it("an offline edit of place pushed without the pulled state (a new replication: the server under another address) wins over the server's `zzz`", async () => {
    const id = await storeWithZzz('lost');
    const laptop = await rxClient(['candidates']);
    installFieldClocks(laptop.collections);
    try {
      expect(await sync(laptop, 'old-address')).toEqual([]);
      const mine = (await laptop.candidates!.findOne(id).exec())!;
      await mine.incrementalPatch({ place: 'Almelo', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
      // The replication's state (the pulled master state, the base of a merge) is per identifier:
      // under a new one the push meets the server's unchanged `zzz` version as a conflict, merged without base.
      const errors = await sync(laptop, 'new-address');
      const stored = (await serverDoc(id))!;
      expect(stored.place).toBe('Almelo');
      expect(errors.map(String)).toEqual([]);
      expect(checkRegionDocument(REGION, stored).ok).toBe(true);
      expect(clockOf(stored, 'place')! > CLOCK).toBe(true);
      expect((await laptop.candidates!.findOne(id).exec())!.toJSON().place).toBe('Almelo');
    } finally {
      await laptop.remove();
    }
  }, 60_000);
});
