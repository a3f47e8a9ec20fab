import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGES_SHAPE_PARAM, newCandidate, regionDbName, type Candidate } from '../../shared';
import { DEMO_PASSWORD } from '../../../sync-server/demo/load';
import { sessionCookie } from '../../../sync-server/reliability/child-server';
import { cookieFetch, diffDocs, localDocs, replicateRegion, rxClient, serverDocs, type AnyDb } from '../../../sync-server/reliability/rx-client';
import { startTestServer, type TestServer } from '../../../sync-server/testing';
import { memoryStore } from '../app/session';
import { installFieldClocks, resetDeviceClock } from './clock';
import { withKindSelector, withRxShape } from './kind-fetch';
import { SharedLiveReads } from './shared-reads';

/**
 * The app's replication asks `_changes` for documents in RxDB's shape (`regiodesk_shape=rx`:
 * `id`, no `_id`, no `_rev`; sync-server/couch/changes-text.ts) and converges with it exactly as
 * with CouchDB's shape: new documents, deletions with a body, bare deletion stubs and a merged
 * conflict, against the real server. The `_changes` answers the replication receives are
 * recorded: the test fails if the parameter is not sent or the server ignores it.
 */
const REGION = 'twente';
const DB = regionDbName(REGION);
let server: TestServer;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 0 });
  for (const u of ['anna', 'daan']) cookies[u] = await sessionCookie(server.url, u, DEMO_PASSWORD);
  resetDeviceClock(memoryStore());
}, 60_000);
afterAll(() => server?.close());

interface Seen {
  urls: string[];
  bodies: string[];
}

async function sync(db: AnyDb, user: string, tag: string, rxShape: boolean, seen?: Seen): Promise<void> {
  const raw = cookieFetch(cookies[user]!);
  const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await raw(input, init);
    const url = String(input);
    if (seen && url.includes('/_changes?')) {
      const text = await res.clone().text();
      seen.urls.push(url);
      seen.bodies.push(text);
    }
    return res;
  }) as typeof fetch;
  const { rep, errors } = replicateRegion(db.candidates!, { server: server.url, region: REGION, cookie: cookies[user]!, live: false, identifier: `rx-shape-${tag}-${user}`, pullBatch: 7, pushBatch: 10, baseFetch: base, rxShape });
  await rep.awaitInitialReplication();
  await rep.cancel();
  expect(errors).toEqual([]);
}

const candidate = (i: number, tag: string): Candidate =>
  newCandidate({ firstName: 'Vorm', lastName: `Rij ${i}`, regions: [REGION], ownerRegion: REGION, consent: { given: true } }, { id: `rxs-${tag}-${i}`, user: 'anna', now: new Date().toISOString() });

describe("the app's pull in RxDB's shape", () => {
  it('sends the parameter in shared live reads too', async () => {
    const asked: string[] = [];
    const shared = new SharedLiveReads(async (url) => {
      asked.push(url);
      return { results: [], last_seq: 0 };
    });
    await shared.read(withRxShape(withKindSelector(`${server.url}/${DB}/_changes?since=0&limit=5`, 'candidate')), 1);
    expect(new URL(asked[0]!).searchParams.get(CHANGES_SHAPE_PARAM)).toBe('rx');
  });

  it('converges with deletions (with a body and bare stubs) and a merged conflict, and equals a pull in CouchDB shape', async () => {
    const tag = Date.now().toString(36);
    const a = await rxClient(['candidates']);
    const b = await rxClient(['candidates']);
    const c = await rxClient(['candidates']);
    installFieldClocks(a.collections);
    installFieldClocks(b.collections);
    installFieldClocks(c.collections);
    try {
      const docs = Array.from({ length: 24 }, (_, i) => candidate(i, tag));
      await a.candidates!.bulkInsert(docs);
      await sync(a, 'anna', tag, true);

      const seen: Seen = { urls: [], bodies: [] };
      await sync(b, 'daan', tag, true, seen);
      expect(await b.candidates!.count().exec()).toBe(24);
      // The app asked for the shape, and what it got had no CouchDB bookkeeping.
      expect(seen.urls.length).toBeGreaterThan(1);
      for (const u of seen.urls) expect(new URL(u).searchParams.get(CHANGES_SHAPE_PARAM)).toBe('rx');
      const withDocs = seen.bodies.filter((t) => t.includes('"doc":'));
      expect(withDocs.length).toBeGreaterThan(0);
      for (const t of withDocs) {
        expect(t).not.toContain('"_rev"');
        expect(t).toContain('"doc":{"id":');
      }

      // Deletions: two through the app (RxDB pushes the body; the server keeps a data-free
      // tombstone), one bare stub written by another CouchDB client straight on the server.
      await a.candidates!.bulkRemove([docs[0]!.id, docs[1]!.id]);
      await sync(a, 'anna', tag, true);
      const head = (await (await cookieFetch(cookies.daan!)(`${server.url}/${DB}/${docs[2]!.id}`)).json()) as { _rev: string };
      const del = await cookieFetch(cookies.daan!)(`${server.url}/${DB}/${docs[2]!.id}?rev=${head._rev}`, { method: 'DELETE' });
      expect(del.status).toBe(200);

      // A conflict: both edit docs[5] offline, different fields; a syncs first, then b.
      await a.candidates!.findOne(docs[5]!.id).exec().then((d) => d!.incrementalPatch({ place: 'Borne', updatedAt: new Date().toISOString() }));
      await b.candidates!.findOne(docs[5]!.id).exec().then((d) => d!.incrementalPatch({ phone: '0612345678', updatedAt: new Date().toISOString() }));
      await sync(a, 'anna', tag, true);
      const seen2: Seen = { urls: [], bodies: [] };
      await sync(b, 'daan', tag, true, seen2);
      await sync(a, 'anna', tag, true);
      // One round each: b's sync ends holding its merge even when a page read before the server
      // stored it reaches RxDB after the push (db/stale-pull.ts, one-round-convergence.test.ts).
      expect(seen2.bodies.some((t) => t.includes('"_deleted":true'))).toBe(true);
      for (const t of seen2.bodies) expect(t).not.toContain('"_rev"');

      // A third client pulls everything in CouchDB's shape.
      await sync(c, 'anna', tag, false);

      const remote = await serverDocs(server.url, REGION, cookies.anna!, 'candidate');
      expect(remote.conflicted).toEqual([]);
      const [la, lb, lc] = [await localDocs(a.candidates!), await localDocs(b.candidates!), await localDocs(c.candidates!)];
      expect(la.size).toBe(21);
      expect(diffDocs(la, remote.docs, ['a', 'server'])).toEqual([]);
      expect(diffDocs(lb, remote.docs, ['b', 'server'])).toEqual([]);
      expect(diffDocs(lc, lb, ['couch shape', 'rx shape'])).toEqual([]);
      const merged = lb.get(docs[5]!.id)!;
      expect(merged).toMatchObject({ place: 'Borne', phone: '0612345678' });
      // The pulled deletions are tombstones without personal data (a deleted its own locally). A
      // fresh client (c) skips the bare stub of a document it never had (kind-fetch.ts knownIds).
      for (const [db, ids] of [[b, [docs[0]!.id, docs[2]!.id]], [c, [docs[0]!.id]]] as const) {
        const gone = await db.candidates!.storageInstance.findDocumentsById([docs[0]!.id, docs[2]!.id], true);
        expect(gone.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
        expect(gone.every((d: { _deleted: boolean }) => d._deleted)).toBe(true);
        expect(JSON.stringify(gone)).not.toContain('Vorm');
      }
    } finally {
      await Promise.all([a.remove(), b.remove(), c.remove()]);
    }
  }, 120_000);
});
