import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { ChildServer, sessionCookie } from './child-server';
import { diffDocs, localDocs, replicateRegion, rxClient, serverDocs, until, type AnyDb } from './rx-client';

/**
 * Documents pushed and documents pulled, each way: 5,000 + 5,000 by default, so that the test
 * stays near a minute on two cores shared with the rest of `npm test` (10,000 each way took 50 s
 * at load 10 and over 170 s at load 20). REGIODESK_RELIABILITY_DOCS=10000 runs 10,000 each way.
 */
const N = Number(process.env.REGIODESK_RELIABILITY_DOCS ?? 5_000);
const REGION = 'twente';

let server: ChildServer;
let db: AnyDb | undefined;
beforeAll(async () => {
  server = await ChildServer.start({ demo: true });
}, 60_000);
afterAll(async () => {
  await db?.remove().catch(() => undefined);
  await server?.close();
});

function candidate(id: string, i: number, now: string): Candidate {
  return newCandidate(
    {
      firstName: `Kandidaat ${i}`,
      lastName: i % 2 ? 'de Vries' : 'Oude Luttikhuis',
      place: 'Enschede',
      sectors: ['po'],
      regions: [REGION],
      ownerRegion: REGION,
      consent: { given: true, purpose: 'begeleiding' },
    },
    { id, user: 'anna', now },
  );
}

async function serverCount(cookie: string): Promise<number> {
  const res = await fetch(`${server.url}/region-${REGION}`, { headers: { Cookie: cookie } });
  return ((await res.json()) as { doc_count: number }).doc_count;
}

const t0 = Date.now();
const mark = (what: string) => process.env.REGIODESK_RELIABILITY_VERBOSE && console.log(`[kill9 +${Date.now() - t0} ms] ${what}`);

describe(`kill -9 of the server during a ${N}-document push and pull`, () => {
  it('after restart and the next sync, client and server hold exactly the same documents', async () => {
    const cookie = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
    const demoCount = await serverCount(cookie);
    const demoCandidates = (await serverDocs(server.url, REGION, cookie, 'candidate')).docs.size;
    const now = new Date().toISOString();

    // Another advisor's N candidates already on the server: this client has to pull them.
    for (let i = 0; i < N; i += 1000) {
      const docs = [];
      for (let j = i; j < Math.min(N, i + 1000); j++) {
        const { id, ...rest } = candidate(`remote-${String(j).padStart(6, '0')}`, j, now);
        docs.push({ _id: id, ...rest });
      }
      const res = await fetch(`${server.url}/region-${REGION}/_bulk_docs`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify({ docs }),
      });
      expect(res.status).toBe(201);
    }
    expect(await serverCount(cookie)).toBe(demoCount + N);
    mark('server seeded');

    // N candidates typed offline on this laptop: it has to push them.
    // RxDB's memory storage: with Dexie on fake-indexeddb, pushing 10,000 documents alone takes
    // many minutes (rx-client.ts explains why); the replication, modifiers and conflict handler are
    // the app's. REGIODESK_RELIABILITY_STORAGE=dexie runs it on Dexie (use a small count).
    db = await rxClient(['candidates'], process.env.REGIODESK_RELIABILITY_STORAGE === 'dexie' ? 'dexie' : 'memory');
    const col = db.candidates!;
    const mine = Array.from({ length: N }, (_, i) => candidate(`local-${String(i).padStart(6, '0')}`, i, now));
    await col.bulkInsert(mine);
    mark('client seeded');

    const { rep } = replicateRegion(col, { server: server.url, region: REGION, cookie, live: true, identifier: 'kill9', retryTime: 250 });

    // Kill in the middle: some of the push and some of the pull done, neither finished.
    await until(async () => {
      const up = (await serverCount(cookie)) - demoCount - N;
      const down = (await col.count().exec()) - N;
      mark(`under way: ${up} up, ${down} down`);
      return up >= N * 0.2 && down >= N * 0.2;
    }, 90_000, 'both directions to be under way');
    const upAtKill = (await serverCount(cookie)) - demoCount - N;
    const downAtKill = (await col.count().exec()) - N;
    await server.kill('SIGKILL');
    mark(`killed at ${upAtKill} up, ${downAtKill} down`);
    expect(upAtKill).toBeLessThan(N);

    // Work goes on offline: edits of pulled and of own documents, one deletion.
    const someRemote = await col.find({ selector: { id: { $regex: '^remote-' } }, limit: 20 }).exec();
    for (const d of someRemote) await d.incrementalPatch({ phase: 'orienteren', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
    const someLocal = await col.find({ selector: { id: { $regex: '^local-' } }, limit: 20 }).exec();
    for (const d of someLocal) await d.incrementalPatch({ place: 'Hengelo', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
    const doomedId = `local-${String(N - 1).padStart(6, '0')}`;
    const doomed = await col.findOne(doomedId).exec();
    await doomed!.remove();
    await new Promise((r) => setTimeout(r, 600)); // the replication notices and starts retrying

    await server.restart();
    mark('restarted');
    // The live replication retries by itself; ask for a pass now rather than at the next change.
    rep.reSync();

    const cookie2 = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
    let sent = 0, received = 0;
    rep.sent$.subscribe(() => sent++);
    rep.received$.subscribe(() => received++);
    rep.error$.subscribe((e) => mark(`error ${String(e).slice(0, 200)}`));
    const ticker = setInterval(() => mark(`sent ${sent}, received ${received}`), 1000);
    let problems: string[] = [];
    await until(async () => {
      await rep.awaitInSync();
      const [local, remote] = [await localDocs(col), (await serverDocs(server.url, REGION, cookie2, 'candidate')).docs];
      problems = diffDocs(local, remote, ['client', 'server']);
      mark(`compare: client ${local.size}, server ${remote.size}, ${problems.length} problems`);
      if (problems.length > 0) rep.reSync();
      return problems.length === 0;
    }, 120_000, 'client and server to agree').catch((e: Error) => {
      throw new Error(`${e.message} (killed at ${upAtKill} pushed, ${downAtKill} pulled)\n${problems.join('\n')}\n${server.log}`);
    });

    clearInterval(ticker);
    mark('in sync');
    const local = await localDocs(col);
    const { docs: remote, conflicted } = await serverDocs(server.url, REGION, cookie2, 'candidate');
    expect(diffDocs(local, remote, ['client', 'server'])).toEqual([]);
    expect(conflicted).toEqual([]); // no document forked into two revisions
    expect(remote.size).toBe(demoCandidates + 2 * N - 1);
    expect(local.size).toBe(remote.size);
    expect(remote.has(doomedId)).toBe(false);
    for (const d of someRemote) expect(remote.get(d.primary)?.phase).toBe('orienteren');
    for (const d of someLocal) expect(remote.get(d.primary)?.place).toBe('Hengelo');
    expect(server.log).not.toMatch(/unexpected error/);
    await rep.cancel();
  }, 240_000);
});
