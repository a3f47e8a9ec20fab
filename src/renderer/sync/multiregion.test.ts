import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getChangedDocumentsSince } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { firstValueFrom } from 'rxjs';
import { newCandidate, regionDbName } from '../../shared';
import { DEMO_PASSWORD } from '../../../sync-server/demo/load';
import { sessionCookie } from '../../../sync-server/reliability/child-server';
import { cookieFetch, rxClient, type AnyDb } from '../../../sync-server/reliability/rx-client';
import { startTestServer, type TestServer } from '../../../sync-server/testing';
import { kindOf, pullModifierFor, pushModifierFor } from './modifiers';
import { replicationFetch } from './replication';
import { orderDownstreamWrites } from './fork-order';
import { markPulledWrites, skipPulledStates } from './pulled-states';

/**
 * A user with two regions has two replications on one collection (startSync). Measures, against
 * the real server, what each region's upstream (push) does with the other region's pulled
 * documents: read back at a restart, requests sent without a local edit, documents of one region
 * going through the other's replication.
 */
const SIZE = Number(process.env.MULTIREGION_SIZE ?? 1500);
const LINKED = 200; // per owner region, linked to both
const REGIONS = ['twente', 'utrecht'] as const;
let server: TestServer;
let cookie: string;
let db: AnyDb;

interface Req {
  region: string;
  method: string;
  what: string;
  ids: string[];
}
const requests: Req[] = [];

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: SIZE, maxLongpollMs: 500 });
  cookie = await sessionCookie(server.url, 'daan', DEMO_PASSWORD);
  // Candidates linked to both regions, half owned by each, written where their owner is; the
  // server's fan-out copies them to the other region.
  const f = cookieFetch(cookie);
  for (const owner of REGIONS) {
    const docs = Array.from({ length: LINKED }, (_, i) => {
      const c = newCandidate(
        { firstName: 'Twee', lastName: `Regio ${i}`, regions: [...REGIONS], ownerRegion: owner, consent: { given: true } },
        { id: `both-${owner}-${String(i).padStart(4, '0')}`, user: 'daan', now: new Date().toISOString() },
      );
      const { id, ...rest } = c;
      return { _id: id, ...rest };
    });
    const res = await f(`${server.url}/${regionDbName(owner)}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
    const rows = (await res.json()) as { ok?: boolean; error?: string }[];
    if (!Array.isArray(rows) || rows.some((r) => !r.ok)) throw new Error(`linked docs refused: ${JSON.stringify(rows).slice(0, 300)}`);
  }
  // Wait for the fan-out: every linked document in both regions.
  const end = Date.now() + 60_000;
  for (;;) {
    const counts = await Promise.all(
      REGIONS.map(async (r) => {
        const res = await f(`${server.url}/${regionDbName(r)}/_all_docs?startkey=%22both-%22&endkey=%22both-%EF%BF%B0%22`);
        return ((await res.json()) as { rows: unknown[] }).rows.length;
      }),
    );
    if (counts.every((n) => n === 2 * LINKED)) break;
    if (Date.now() > end) throw new Error(`fan-out incomplete: ${counts}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  db = await rxClient(['candidates'], 'dexie');
}, 240_000);
afterAll(async () => {
  await db?.remove();
  await server?.close();
});

/** The candidates' replications of `regions` as startSync sets them up (requests recorded in `requests`). */
function start(target: AnyDb, tag: string, regions: readonly string[] = REGIONS, fix = !process.env.MULTIREGION_WITHOUT_FIX): Record<string, RxCouchDBReplicationState<any>> {
  const kind = kindOf('candidate')!;
  const collection = target.candidates!;
  orderDownstreamWrites(collection);
  if (fix) markPulledWrites(collection);
  const out: Record<string, RxCouchDBReplicationState<any>> = {};
  for (const region of regions) {
    const raw = cookieFetch(cookie);
    const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const method = (init?.method ?? 'GET').toUpperCase();
      const what = url.pathname.split('/').pop() ?? '';
      let ids: string[] = [];
      if (typeof init?.body === 'string' && (what === '_bulk_docs' || what === '_all_docs')) {
        const body = JSON.parse(init.body) as { docs?: { _id: string }[]; keys?: string[] };
        ids = body.docs?.map((d) => d._id) ?? body.keys ?? [];
      }
      if (what !== '_changes') requests.push({ region, method, what, ids });
      return raw(input, init);
    }) as typeof fetch;
    const filter = {
      type: 'candidate',
      async knownIds(ids: string[]) {
        const found = await collection.findByIds(ids).exec();
        return new Set<string>(found.keys());
      },
    };
    const state = replicateCouchDB<any>({
      replicationIdentifier: `multiregion-${tag}-${region}`,
      collection,
      url: `${server.url}/${regionDbName(region)}/`,
      live: true,
      waitForLeadership: false,
      retryTime: 200,
      fetch: replicationFetch(base, filter, { catchUpPages: 1 }),
      pull: { batchSize: 200, modifier: pullModifierFor(region, kind) as any },
      push: { batchSize: 2000, modifier: pushModifierFor(region, [...REGIONS], kind) as any },
    });
    if (fix) skipPulledStates(state, collection);
    out[region] = state;
  }
  return out;
}

const internal = (state: RxCouchDBReplicationState<any>) => (state as any).internalReplicationState;

/** Documents after a replication's push checkpoint: what its upstream reads back at a restart. */
async function afterUpCheckpoint(state: RxCouchDBReplicationState<any>): Promise<string[]> {
  const checkpoint = internal(state)?.lastCheckpointDoc?.up?.checkpointData;
  const left = await getChangedDocumentsSince(internal(state).input.forkInstance, 1_000_000, checkpoint);
  return left.documents.map((d: any) => String(d.id));
}

/** Ids with a meta record (assumed master state) in a replication's meta instance. */
async function metaIds(state: RxCouchDBReplicationState<any>): Promise<string[]> {
  const meta = internal(state).input.metaInstance;
  const all = await getChangedDocumentsSince(meta, 1_000_000, undefined);
  return all.documents.filter((d: any) => d.isCheckpoint === '0').map((d: any) => String(d.itemId));
}

async function settle(states: RxCouchDBReplicationState<any>[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(states.map((s) => s.awaitInitialReplication()));
    await Promise.all(states.map((s) => s.awaitInSync()));
    await new Promise((r) => setTimeout(r, 700));
  }
}

/** Push requests (`_all_docs`, `_bulk_docs`) of a region, and the ids they carried. */
function pushes(region: string): { count: number; ids: string[] } {
  const reqs = requests.filter((q) => q.region === region && (q.what === '_bulk_docs' || q.what === '_all_docs'));
  return { count: reqs.length, ids: reqs.flatMap((q) => q.ids) };
}
const sentThrough = (region: string, id: string) => requests.filter((q) => q.region === region && q.what === '_bulk_docs' && q.ids.includes(id)).length;

describe('two regions on one collection', () => {
  it('both at once (startSync): no push for pulled documents, an edit during the sync goes out once through its region, nothing read back at a restart', async () => {
    requests.length = 0;
    const states = start(db, 'a');
    // During the initial sync, each region's first received document is edited locally.
    const edits = REGIONS.map((r) =>
      firstValueFrom(states[r]!.received$).then(async (d: any) => {
        const doc = await db.candidates!.findOne(String(d.id)).exec();
        await doc!.incrementalPatch({ place: `Tijdens-sync ${r}`, updatedAt: new Date().toISOString() });
        return { id: String(d.id), region: r, localCount: await db.candidates!.count().exec() };
      }),
    );
    await settle(Object.values(states));
    const edited = await Promise.all(edits);
    const total = await db.candidates!.count().exec();
    expect(total).toBe(2 * SIZE + 2 * LINKED);
    for (const e of edited) expect(e.localCount).toBeLessThan(total);
    const editedIds = edited.map((e) => e.id);
    for (const r of REGIONS) {
      const p = pushes(r);
      const metas = await metaIds(states[r]!);
      const left = await afterUpCheckpoint(states[r]!);
      const other = REGIONS.find((x) => x !== r)!;
      console.log(
        `multiregion ${r}: push requests ${p.count} carrying ${p.ids.length} ids (${p.ids.filter((id) => !editedIds.includes(id)).length} not edited here); meta records ${metas.length}, of the other region only ${metas.filter((id) => id.startsWith(`${other}-`)).length}; after the push checkpoint ${left.length}`,
      );
      expect(p.ids.filter((id) => !editedIds.includes(id))).toEqual([]);
      expect(left).toEqual([]);
    }
    // Each edit went out exactly once, through the region that sends it.
    for (const e of edited) {
      const other = REGIONS.find((x) => x !== e.region)!;
      expect([sentThrough(e.region, e.id), sentThrough(other, e.id)]).toEqual([1, 0]);
      const res = await cookieFetch(cookie)(`${server.url}/${regionDbName(e.region)}/${encodeURIComponent(e.id)}`);
      expect(((await res.json()) as { place?: string }).place).toBe(`Tijdens-sync ${e.region}`);
    }
    // Live: a colleague edits linked candidates in the region that is not their home (on the
    // server); both pulls bring the edit, no push of this device carries it.
    requests.length = 0;
    const f = cookieFetch(cookie);
    for (const [home, via] of [['utrecht', 'twente'], ['twente', 'utrecht']] as const) {
      for (let i = 20; i < 25; i++) {
        const url = `${server.url}/${regionDbName(via)}/both-${home}-${String(i).padStart(4, '0')}`;
        const doc = (await (await f(url)).json()) as Record<string, unknown>;
        const res = await f(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...doc, place: `Collega ${via}` }) });
        expect(res.ok).toBe(true);
      }
    }
    const end = Date.now() + 30_000;
    while ((await db.candidates!.find({ selector: { place: { $regex: '^Collega' } } }).exec()).length < 10) {
      if (Date.now() > end) throw new Error('the colleague edits did not arrive');
      await new Promise((r) => setTimeout(r, 200));
    }
    await settle(Object.values(states));
    for (const r of REGIONS) {
      console.log(`multiregion live ${r}: push requests ${pushes(r).count} carrying ${pushes(r).ids.length} ids`);
      expect(pushes(r).ids).toEqual([]);
    }
    for (const s of Object.values(states)) await s.cancel();

    // A restart: no push request at all.
    requests.length = 0;
    const again = start(db, 'a');
    await settle(Object.values(again));
    for (const r of REGIONS) expect(pushes(r).count).toBe(0);
    for (const s of Object.values(again)) await s.cancel();
  }, 600_000);

  {
    it('a second region started on a device holding its linked documents already', async () => {
      const db2 = await rxClient(['candidates'], 'dexie');
      try {
        requests.length = 0;
        const first = start(db2, 'b', ['twente']);
        await settle(Object.values(first));
        // utrecht's replication (a region added later, or started after twente): the linked
        // candidates homed in utrecht are in the store already, written by twente's pull.
        const second = start(db2, 'b', ['utrecht']);
        await settle([...Object.values(first), ...Object.values(second)]);
        const p = pushes('utrecht');
        const sentBy = requests.filter((q) => q.what === '_bulk_docs').flatMap((q) => q.ids);
        console.log(`multiregion added region: utrecht push requests ${p.count} carrying ${p.ids.length} ids; documents sent ${sentBy.length}`);
        expect(await db2.candidates!.count().exec()).toBe(2 * SIZE + 2 * LINKED);
        expect(p.ids).toEqual([]);
        expect(pushes('twente').ids).toEqual([]);
        for (const s of [...Object.values(first), ...Object.values(second)]) await s.cancel();
      } finally {
        await db2.remove();
      }
    }, 600_000);
  }
});
