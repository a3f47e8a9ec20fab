import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate, regionDbName, type Candidate } from '../../shared';
import { DEMO_PASSWORD } from '../../../sync-server/demo/load';
import { sessionCookie } from '../../../sync-server/reliability/child-server';
import { cookieFetch, replicateRegion, rxClient, serverDocs, until } from '../../../sync-server/reliability/rx-client';
import { startTestServer, type TestServer } from '../../../sync-server/testing';
import { OfflinePause, type Switchable } from './offline-pause';

/**
 * Offline, the app pauses its replications (offline-pause.ts); back online they start again and
 * send the day's edits as one push batch. RxDB ignores the change events of a paused replication,
 * so the test also proves none of the offline edits is lost: start() must re-sync from the push's
 * checkpoint. Against the real server, with the app's replication fetch; "offline" is a fetch
 * that fails, as the browser's does.
 */
const REGION = 'twente';
let server: TestServer;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 0 });
  for (const u of ['anna', 'daan']) cookies[u] = await sessionCookie(server.url, u, DEMO_PASSWORD);
}, 60_000);
afterAll(() => server?.close());

const candidate = (i: number, tag: string): Candidate =>
  newCandidate({ firstName: 'Pauze', lastName: `Rij ${i}`, regions: [REGION], ownerRegion: REGION, consent: { given: true } }, { id: `pause-${tag}-${i}`, user: 'anna', now: new Date().toISOString() });

describe('replications paused while offline', () => {
  it('send every offline edit in one batch when back online, and pull what colleagues changed meanwhile', async () => {
    const tag = Date.now().toString(36);
    const db = await rxClient(['candidates']);
    let offline = false;
    const pushed: string[][] = [];
    let triedOffline = 0;
    const raw = cookieFetch(cookies.anna!);
    const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (offline) {
        // The live `_changes` loop keeps trying while paused (RxDB drops what it would bring and
        // re-syncs on resume); the push must not.
        if (!/_changes/.test(String(input))) triedOffline++;
        throw new TypeError('Failed to fetch (offline)');
      }
      if (/_bulk_docs/.test(String(input)) && typeof init?.body === 'string') {
        pushed.push((JSON.parse(init.body) as { docs: { _id: string }[] }).docs.map((d) => d._id));
      }
      return raw(input, init);
    }) as typeof fetch;
    const { rep, errors } = replicateRegion(db.candidates!, { server: server.url, region: REGION, cookie: cookies.anna!, live: true, identifier: `pause-${tag}`, pullBatch: 50, pushBatch: 50, retryTime: 200, baseFetch: base });
    try {
      const docs = Array.from({ length: 30 }, (_, i) => candidate(i, tag));
      await db.candidates!.bulkInsert(docs);
      await rep.awaitInitialReplication();
      await rep.awaitInSync();
      const ids = docs.map((d) => d.id);
      await until(async () => (await serverDocs(server.url, REGION, cookies.anna!, 'candidate')).docs.size >= 30, 20_000, 'the 30 candidates on the server');

      let loops = 0;
      const loopsBefore = (rep.start as () => Promise<void>).bind(rep);
      // The CouchDB plugin's start() would begin another live loop; the pause must resume without it.
      rep.start = () => {
        loops++;
        return loopsBefore();
      };
      const pause = new OfflinePause([rep as unknown as Switchable]);
      offline = true;
      pause.offline();
      expect(pause.pausedCount).toBe(1);
      await rep.pause(); // the pause is queued on RxDB's start queue: let it take effect
      expect(rep.isPaused()).toBe(true);

      // The laptop edits 20 candidates one by one (20 change events), a colleague 5 others.
      const mine = ids.slice(0, 20);
      for (const id of mine) await (await db.candidates!.findOne(id).exec())!.incrementalPatch({ place: 'Borne' });
      const theirs = ids.slice(20, 25);
      const got = (await (await raw(`${server.url}/${regionDbName(REGION)}/_all_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keys: theirs, include_docs: true }) })).json()) as { rows: { doc: Record<string, unknown> }[] };
      const daan = cookieFetch(cookies.daan!);
      const res = await daan(`${server.url}/${regionDbName(REGION)}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: got.rows.map((r) => ({ ...r.doc, phase: 'matchen' })) }) });
      expect(res.status).toBe(201);
      // Long enough for RxDB's retry (200 ms) to have tried several times had it not been paused.
      await new Promise((r) => setTimeout(r, 800));
      expect(triedOffline).toBe(0);

      offline = false;
      pushed.length = 0;
      pause.online();
      expect(pause.pausedCount).toBe(0);
      await until(async () => {
        const on = (await serverDocs(server.url, REGION, cookies.anna!, 'candidate')).docs;
        return mine.every((id) => on.get(id)?.place === 'Borne');
      }, 20_000, "the laptop's 20 edits on the server");
      await until(async () => {
        const here = await db.candidates!.findByIds(theirs).exec();
        return theirs.every((id) => here.get(id)?.phase === 'matchen');
      }, 20_000, "the colleague's 5 changes on the laptop");
      await rep.awaitInSync();
      // One batch with all 20, no left-over retry of the first edit before it.
      expect(pushed.filter((p) => p.length > 0).map((p) => p.length)).toEqual([20]);
      expect(new Set(pushed.flat())).toEqual(new Set(mine));
      expect(loops).toBe(0);
      // Only the failed live reads of the offline spell (RC_STREAM), nothing of the push.
      expect(errors.filter((e) => (e as { code?: string }).code !== 'RC_STREAM')).toEqual([]);
    } finally {
      await rep.cancel();
      await db.close();
    }
  }, 60_000);

  it('leaves a replication alone that has not started (a tab waiting for leadership) or that RxDB paused itself', () => {
    const calls: string[] = [];
    const names = new Map<Switchable, string>();
    const fake = (name: string, o: { started: boolean; paused: boolean }): Switchable => {
      const s: Switchable = {
        internalReplicationState: o.started ? {} : undefined,
        isPaused: () => o.paused,
        isStopped: () => false,
        pause: async () => void calls.push(`pause ${name}`),
        reSync: () => void calls.push(`reSync ${name}`),
      };
      names.set(s, name);
      return s;
    };
    const states = [fake('running', { started: true, paused: false }), fake('waiting', { started: false, paused: false }), fake('hidden', { started: true, paused: true })];
    const pause = new OfflinePause(states, async (s) => void calls.push(`start ${names.get(s)}`));
    pause.offline();
    pause.offline(); // a second offline event pauses nothing twice
    expect(calls).toEqual(['pause running']);
    pause.online();
    expect(calls).toEqual(['pause running', 'start running', 'reSync waiting', 'reSync hidden']);
  });
});
