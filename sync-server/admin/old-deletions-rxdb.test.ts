import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_CLOCK, formatHlc, newCandidate, regionDbName } from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { onMerge } from '../../src/renderer/db/conflict';
import { installFieldClocks, resetDeviceClock } from '../../src/renderer/sync/clock';
import { kindOf, pullModifierFor, pushModifierFor } from '../../src/renderer/sync/modifiers';
import { replicationFetch } from '../../src/renderer/sync/replication';
import { DEMO_PASSWORD } from '../demo/load';
import { sessionCookie } from '../reliability/child-server';
import { cookieFetch, rxClient, type AnyDb } from '../reliability/rx-client';
import { basicAuth, TEST_ADMIN_PASSWORD, StoppableTestServer } from '../testing';

/**
 * The app's own client (RxDB with the app's replication and conflict handler) and the data-free
 * revision that `compact` writes over an old deletion (old-deletions.ts): a laptop that pulled
 * the old deletion and then re-creates the document (an undo) meets the data-free revision as
 * the same deletion — no conflict — and its re-creation is written on top of it.
 */
const REGION = 'twente';
const CLOCK = formatHlc({ wall: Date.parse('2026-11-01T09:00:00.000Z'), counter: 1, node: 'laptop' });
let server: StoppableTestServer;

beforeAll(async () => {
  server = await StoppableTestServer.start('regiodesk-olddel-rx-');
  resetDeviceClock(memoryStore());
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function sync(db: AnyDb, cookie: string, tag: string): Promise<void> {
  const collection = db.candidates!;
  const kind = kindOf('candidate')!;
  const rep = replicateCouchDB<any>({
    replicationIdentifier: `old-deletions-${tag}`,
    collection,
    url: `${server.url}/${regionDbName(REGION)}/`,
    live: false,
    retryTime: 300,
    waitForLeadership: false,
    fetch: replicationFetch(cookieFetch(cookie), { type: 'candidate', knownIds: async (ids) => new Set((await collection.findByIds(ids).exec()).keys()) }),
    pull: { batchSize: 100, modifier: pullModifierFor(REGION, kind) as (d: any) => any },
    push: { batchSize: 50, modifier: pushModifierFor(REGION, [REGION], kind) as (d: any) => any },
  });
  await rep.awaitInitialReplication();
  await rep.cancel();
}

describe('an old deletion made data-free, and the app', () => {
  it('a laptop that pulled the old deletion re-creates the document on top of the data-free revision without a conflict', async () => {
    const body = newCandidate({ firstName: 'Femke', lastName: 'Veldhuis', regions: [REGION], ownerRegion: REGION, consent: { given: true } }, { id: 'olddel-rx-1', user: 'anna', now: '2026-11-01T08:00:00.000Z' });
    const { id: _id, ...rest } = body;
    // Stored as the server did before deletions became data-free (the server stopped meanwhile).
    await server.writeStopped(async (store) => {
      const db = (await store.open(regionDbName(REGION)))!;
      const [created] = await db.bulkDocs([{ _id, ...rest }], true);
      await db.bulkDocs([{ _id, ...rest, _rev: created!.rev!, _deleted: true, fieldClocks: { ...(rest.fieldClocks ?? {}), [DELETED_CLOCK]: CLOCK } }], true);
    });

    const cookie = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
    const laptop = await rxClient(['candidates']);
    installFieldClocks(laptop.collections);
    const merges: unknown[] = [];
    const stop = onMerge((e) => merges.push(e));
    try {
      await sync(laptop, cookie, 'a');
      expect(await laptop.candidates!.findOne(_id).exec()).toBeNull();

      const res = await fetch(`${server.url}/_regiodesk/admin/compact`, { method: 'POST', headers: { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' }, body: '{}' });
      expect(((await res.json()) as { deletionsRewritten: number }).deletionsRewritten).toBe(1);

      // The undo, before this laptop has pulled the data-free revision.
      const { fieldClocks: _c, ...own } = body;
      await laptop.candidates!.insert({ ...own, updatedAt: new Date().toISOString() });
      await sync(laptop, cookie, 'a');

      expect(merges).toEqual([]); // the same deletion: no conflict to resolve
      const onServer = (await (await fetch(`${server.url}/${regionDbName(REGION)}/${_id}?revs=true`, { headers: { Cookie: cookie } })).json()) as Record<string, unknown>;
      expect(onServer._deleted).toBeUndefined();
      expect(onServer.firstName).toBe('Femke');
      // On top of the data-free revision: 1 created, 2 deleted with body, 3 data-free, 4 re-created.
      expect((onServer._revisions as { start: number }).start).toBe(4);
    } finally {
      stop();
      await laptop.remove();
    }
  }, 60_000);
});
