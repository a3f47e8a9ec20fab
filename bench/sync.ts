/**
 * npm run bench:sync — the sync benchmark of issue 4. Not a test: it prints figures and ratios
 * against baselines measured in the same run, on this machine, with every server on 127.0.0.1 in
 * its own process. Parts (BENCH_PARTS=a,b,c,d to choose):
 *  a  initial sync of a region of BENCH_N (100,000) demo candidates into an empty RxDB client,
 *     against PouchDB.replicate of the same database into a fresh PouchDB (memory adapter);
 *  b  end-of-day sync: BENCH_EOD (2,000) changed documents each way, one sync;
 *  c  BENCH_CLIENTS (500) live clients long-polling `_changes`, one writer: delay from a write
 *     to each client seeing it;
 *  d  our server against express-pouchdb (Express 4 + PouchDB on LevelDB) under the same
 *     `_bulk_docs` + `_changes` load.
 *  feed  (not in the default set) the server's CPU for the app's whole initial-sync feed, in
 *     process on the log engine: every page of BENCH_N candidates with the kind selector, as
 *     `_changes` writes it in RxDB's shape, against the same selector made to read the bodies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { Hlc, stampFields } from '../src/shared';
import { demoCandidates } from '../sync-server/demo/candidates';
import { DEMO_PASSWORD } from '../sync-server/demo/load';
import { CHILD_ADMIN_PASSWORD, ChildServer, sessionCookie } from '../sync-server/reliability/child-server';
import { replicateRegion, rxClient, type AnyDb, type RequestTrace } from '../sync-server/reliability/rx-client';
import { PULL_BATCH_SIZE, PUSH_BATCH_SIZE } from '../src/renderer/sync/replication';
import { CATCH_UP_PAGES, CATCH_UP_READ_AHEAD } from '../src/renderer/sync/catch-up';
import { kindSelector } from '../src/renderer/sync/kind-fetch';
import { fmtMs, machine, percentile, printTable, since, timed, withDeadline, type Row } from './support/measure';
import { profiled } from './support/client-profile';

PouchDB.plugin(memoryAdapter);

const env = process.env;
const N = Number(env.BENCH_N ?? 100_000);
const EOD = Number(env.BENCH_EOD ?? 2_000);
const CLIENTS = Number(env.BENCH_CLIENTS ?? 500);
const WRITES = Number(env.BENCH_WRITES ?? 30);
const PARTS = new Set((env.BENCH_PARTS ?? 'a,b,c,d').split(',').map((s) => s.trim()));
/** Pull batch sizes of the RxDB client to measure; the first is the app's (src/renderer/sync). */
const RX_BATCHES = (env.BENCH_RX_BATCHES ?? `${PULL_BATCH_SIZE},5000`).split(',').map(Number);
/**
 * Catch-up requests the client reads ahead (src/renderer/sync/prefetch.ts); the first is the
 * app's. More than one (e.g. `1,2`) measures the app's pull batch once per value.
 */
const RX_READ_AHEAD = (env.BENCH_RX_READ_AHEAD ?? String(CATCH_UP_READ_AHEAD)).split(',').map(Number);
/**
 * `_changes` pages per RxDB batch while catching up (src/renderer/sync/catch-up.ts); the first is
 * the app's. More than one (e.g. `5,25`) measures the app's pull batch once per value.
 */
const RX_CATCH_UP = (env.BENCH_RX_CATCH_UP ?? String(CATCH_UP_PAGES)).split(',').map(Number);
/**
 * Shape of the pulled documents (`1`: RxDB's, `regiodesk_shape=rx`, the app's; `0`: CouchDB's,
 * as before the eighth round); the first is the app's. The default `1,0` measures the app's pull
 * in both shapes (in turns with BENCH_A_ROUNDS) and prints their ratio; `1` runs the app's only.
 */
const RX_SHAPE = (env.BENCH_RX_SHAPE ?? '1,0').split(',').map((s) => s.trim() !== '0');
/**
 * Rounds of a's RxDB runs (default 1): each round runs every variant once, in turns, so load from
 * elsewhere on the machine hits all alike; the table shows each variant's median.
 */
const A_ROUNDS = Number(env.BENCH_A_ROUNDS ?? 1);
/**
 * Further RxDB runs of a, each `batch/readAhead/catchUp` or `batch/readAhead/catchUp/pages`
 * (RxDB's shape; `pages`: a catch-up batch asked page by page, not in one request), e.g.
 * `1000/5/5/pages`: the pull before the tenth round (5 requests of 1,000 joined into one RxDB
 * batch, 5 pages read ahead). Run in turns with the others.
 */
const RX_RUNS: RxRun[] = (env.BENCH_RX_RUNS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
  const [batch, readAhead, catchUp, pages] = s.split('/');
  return { batch: Number(batch), readAhead: readAhead ? Number(readAhead) : CATCH_UP_READ_AHEAD, catchUp: catchUp ? Number(catchUp) : CATCH_UP_PAGES, inPages: pages === 'pages', rxShape: true };
});
/**
 * Storage of the RxDB client: `memory` (default; like the baseline's PouchDB memory adapter) or
 * `dexie` (the app's, on fake-indexeddb, whose writes and cursors cost O(n) each at these sizes:
 * see sync-server/reliability/rx-client.ts; use it with a small BENCH_N).
 */
/**
 * Push batch of the end-of-day sync (b); a list (e.g. `1000,200`) runs b once per size, each on
 * its own 2 × BENCH_EOD documents, so sizes compare within one run.
 */
const PUSH_BATCHES = (env.BENCH_PUSH_BATCH ?? String(PUSH_BATCH_SIZE)).split(',').map(Number);
const RX_STORAGE = (env.BENCH_RX_STORAGE ?? 'memory') as 'memory' | 'dexie';
const POUCH_BATCHES = (env.BENCH_POUCH_BATCHES ?? '100,1000').split(',').map(Number);
/** BENCH_PROFILE=<dir>: the server process writes a V8 CPU profile there when it stops (bench/support/cpu-profile.mjs). */
const PROFILE_DIR = env.BENCH_PROFILE;
const PROFILER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'support/cpu-profile.mjs');
const serverEnv = (): Record<string, string> => (PROFILE_DIR ? { NODE_OPTIONS: `--import ${PROFILER}`, BENCH_PROFILE: PROFILE_DIR } : {});

/** With BENCH_PROFILE: ends the server's current profile (named after the phase in the log) and starts the next. */
function profilePhase(server: ChildServer, phase: string): void {
  if (!PROFILE_DIR || !server.pid) return;
  process.kill(server.pid, 'SIGUSR2');
  log(`profile: phase ${phase} ended`);
}

/** Stops a server; with BENCH_PROFILE gracefully (SIGTERM) so that its profile is written. */
async function stopServer(server: ChildServer): Promise<void> {
  if (PROFILE_DIR) await server.kill('SIGTERM');
  await server.close();
}

type Json = Record<string, any>;
const rows: Row[] = [];
const log = (s: string) => console.log(`[bench:sync] ${s}`);

async function post(url: string, cookie: string | null, body: unknown, method = 'POST'): Promise<any> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  const res = await fetch(url, { method, headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/**
 * A read by POST (`_all_docs` with keys), tried once more when the kept-alive socket it went out
 * on had been closed by the server (`other side closed`): on a loaded machine that race ended
 * whole runs of this bench after the figures of a were in. Writes are never repeated.
 */
async function postRead(url: string, cookie: string | null, body: unknown): Promise<any> {
  try {
    return await post(url, cookie, body);
  } catch (e) {
    if ((e as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw e;
    log(`a kept-alive socket was closed under ${url}; asking once more`);
    return post(url, cookie, body);
  }
}

async function get(url: string, cookie: string | null): Promise<any> {
  const res = await fetch(url, { headers: cookie ? { Cookie: cookie } : {} });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/**
 * BENCH_CLOCKS=1: seeded candidates carry the field clocks the app stamps on a creation
 * (stampFields, as the build under test writes them); default: none, as the demo data.
 */
const SEED_CLOCKS = env.BENCH_CLOCKS === '1';
const seedClock = new Hlc('bench');

/** Demo candidates as CouchDB documents (`_id`), written in batches. */
async function seed(dbUrl: string, cookie: string | null, region: string, count: number, idPrefix = ''): Promise<void> {
  const docs = demoCandidates(region, count, ['anna']).map(({ id, ...rest }) => ({ _id: idPrefix + id, ...(SEED_CLOCKS ? stampFields(undefined, rest, () => seedClock.tick()) : rest) }));
  for (let i = 0; i < docs.length; i += 2000) {
    const res = (await post(`${dbUrl}/_bulk_docs`, cookie, { docs: docs.slice(i, i + 2000) })) as Json[];
    const bad = res.filter((r) => !r.ok);
    if (bad.length) throw new Error(`seeding: ${bad.length} refused, e.g. ${JSON.stringify(bad[0])}`);
  }
}

// ---------------------------------------------------------------- a + b

/** b continues the replication of a's last (kept) client, with its checkpoints. */
const B_IDENTIFIER = 'bench-a-app';

interface RxRun {
  batch: number;
  readAhead: number;
  catchUp: number;
  /** A catch-up batch asked page by page (as before the tenth round), not in one request. */
  inPages: boolean;
  /** Documents asked in RxDB's shape (regiodesk_shape=rx). */
  rxShape: boolean;
}
const runName = (r: RxRun) =>
  `pull batch ${r.batch}, read-ahead ${r.readAhead}${r.catchUp !== CATCH_UP_PAGES ? `, ${r.catchUp} pages per RxDB batch` : ''}${r.inPages ? ', asked page by page' : ''}${r.rxShape ? ", RxDB's shape" : ", CouchDB's shape"}`;
const isApp = (r: RxRun) => r.batch === PULL_BATCH_SIZE && r.readAhead === CATCH_UP_READ_AHEAD && r.catchUp === CATCH_UP_PAGES && !r.inPages && r.rxShape;
/**
 * Collects the garbage of earlier runs before a timed run (npm run bench:sync runs node with
 * --expose-gc). Without it, whichever client ran right after another's removal paid for
 * collecting that client's 100,000 documents (the second round of the app's own settings took
 * 5.5 s against 4.7 s for the first in one idle run): every client, the baseline's too, now
 * starts from a collected heap.
 */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) for (let i = 0; i < 2; i++) gc();
}

/** The heap in use after collecting: equal before every client when none is left behind. */
const heapInUse = () => `heap before ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;

/** The middle value; for an even count the mean of the two middle ones. */
const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * One timed RxDB client. Unless `keep` (b goes on with it), the client is counted and removed
 * here, so no reference to it outlives this call: removed in the caller's loop instead, it stayed
 * reachable from that suspended async frame, and the next client started beside 340 MB of the
 * previous one's documents (heap 375 MB instead of 34 MB; the app's run 4.97 s against 4.05–4.31 s
 * when it ran first).
 */
async function rxInitialSync(server: ChildServer, cookie: string, run: RxRun, identifier: string, keep: boolean): Promise<{ ms: number; cpuMs: number; db: AnyDb | null; count: number; heapBefore: string }> {
  const db = await rxClient(['candidates'], RX_STORAGE);
  const { batch, readAhead, catchUp, inPages, rxShape } = run;
  let cpuMs = 0;
  collectGarbage();
  const heapBefore = heapInUse();
  // The profiler starts outside the timing: starting it took up to 3 s with a large heap.
  const { ms } = await profiled(PROFILE_DIR, `a-rxdb-${batch}-ahead-${readAhead}-pages-${catchUp}${inPages ? '-in-pages' : ''}${rxShape ? '' : '-couch-shape'}`, () => timed(async () => {
    // The client's CPU time (this process: RxDB, parsing, GC threads) is steadier than the wall
    // clock when other work shares the machine.
    const cpu0 = process.cpuUsage();
    const { rep, errors } = replicateRegion(db.candidates!, { server: server.url, region: 'twente', cookie, live: false, identifier, pullBatch: batch, readAhead, catchUpPages: catchUp, catchUpInPages: inPages, rxShape });
    await withDeadline('RxDB initial sync', 30 * 60_000, () => rep.awaitInitialReplication());
    await rep.cancel();
    const cpu = process.cpuUsage(cpu0);
    cpuMs = (cpu.user + cpu.system) / 1000;
    // RxDB retries failed requests (retryTime); a count tells how often that cost time.
    if (errors.length) log(`a: ${errors.length} failed request(s) retried, e.g. ${String(errors[0]).slice(0, 120).replace(/\s+/g, ' ')}`);
  }));
  const count = await db.candidates!.count().exec();
  if (keep) return { ms, cpuMs, db, count, heapBefore };
  await db.remove();
  return { ms, cpuMs, db: null, count, heapBefore };
}

async function readWholeFeed(dbUrl: string, cookie: string): Promise<void> {
  let since: unknown = 0;
  for (;;) {
    const page = (await get(`${dbUrl}/_changes?include_docs=true&style=all_docs&limit=2000&since=${encodeURIComponent(String(since))}`, cookie)) as { results: unknown[]; last_seq: unknown };
    since = page.last_seq;
    if (page.results.length < 2000) return;
  }
}

async function pouchInitialSync(server: ChildServer, cookie: string, batch: number): Promise<{ ms: number; count: number; heapBefore: string }> {
  const remote = new PouchDB(`${server.url}/region-twente`, {
    skip_setup: true,
    fetch: (url: string | Request, opts?: RequestInit) => {
      const headers = new Headers(opts?.headers);
      headers.set('Cookie', cookie);
      return fetch(url, { ...opts, headers });
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  const local = new PouchDB(`bench-pouch-${Date.now()}-${batch}`, { adapter: 'memory' });
  collectGarbage();
  const heapBefore = heapInUse();
  const { ms } = await timed(() => withDeadline('PouchDB.replicate', 30 * 60_000, async () => {
    await PouchDB.replicate(remote, local, { batch_size: batch });
  }));
  const count = (await local.info()).doc_count;
  await local.destroy();
  await remote.close();
  return { ms, count, heapBefore };
}

async function partAB(): Promise<void> {
  log(`a: starting a server and loading ${N} demo candidates into region-twente…`);
  const server = await ChildServer.start({ demo: true, env: serverEnv(), startTimeoutMs: 120_000 });
  try {
    const cookie = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
    const seeding = await timed(() => seed(`${server.url}/region-twente`, cookie, 'twente', N, 'bench-'));
    const total = (await get(`${server.url}/region-twente`, cookie)).doc_count as number;
    log(`a: ${total} documents in region-twente (seeded in ${fmtMs(seeding.ms)})`);
    profilePhase(server, 'seeding');

    // The server settles first: the fan-out reads every seeded document once, and LevelDB's
    // caches warm up. One full read of the feed does both before anything is timed; then the
    // baseline goes first, so whatever is left of that work slows the baseline, not us (before,
    // the RxDB client went first and paid for it: 50 s against PouchDB's 16 s in one loaded run).
    const warm = await timed(() => readWholeFeed(`${server.url}/region-twente`, cookie));
    log(`a: warm-up read of the whole feed: ${fmtMs(warm.ms)}`);
    profilePhase(server, 'warm-up');
    const pouch: { batch: number; ms: number }[] = [];
    // b alone (BENCH_PARTS=b): no baselines, one untimed initial sync gives b its client.
    for (const batch of PARTS.has('a') ? POUCH_BATCHES : []) {
      const p = await pouchInitialSync(server, cookie, batch);
      log(`a: PouchDB.replicate into memory, batch_size ${batch}: ${fmtMs(p.ms)}, ${p.count} documents (${p.heapBefore})`);
      if (p.count !== total) throw new Error(`PouchDB holds ${p.count} of ${total}`);
      pouch.push({ batch, ms: p.ms });
    }
    profilePhase(server, 'PouchDB.replicate');
    const rx: (RxRun & { ms: number[]; cpuMs: number[] })[] = [];
    let keep: AnyDb | null = null;
    // The other settings first, each client removed after; the app's settings last, and its
    // client is kept for b. (Kept first, its 100,000 documents made every later run pay more GC:
    // 35 % of the client's time against 23 % in one run.)
    const app: RxRun = { batch: RX_BATCHES[0]!, readAhead: RX_READ_AHEAD[0]!, catchUp: RX_CATCH_UP[0]!, inPages: false, rxShape: RX_SHAPE[0]! };
    const runs: RxRun[] = [
      ...RX_BATCHES.slice(1).map((batch) => ({ ...app, batch })),
      ...RX_READ_AHEAD.slice(1).map((readAhead) => ({ ...app, readAhead })),
      ...RX_CATCH_UP.slice(1).map((catchUp) => ({ ...app, catchUp })),
      ...RX_SHAPE.slice(1).map((rxShape) => ({ ...app, rxShape })),
      ...RX_RUNS,
      app,
    ];
    const chosen = PARTS.has('a') ? runs : runs.slice(-1);
    for (const run of chosen) rx.push({ ...run, ms: [], cpuMs: [] });
    const rounds = PARTS.has('a') ? A_ROUNDS : 1;
    // Without b, every second round runs the variants in reverse order (A B, B A, …): whichever
    // runs right after another client's removal pays for collecting its 100,000 documents.
    const alternate = !PARTS.has('b');
    for (let round = 0; round < rounds; round++) {
      const order = [...chosen.entries()];
      if (alternate && round % 2 === 1) order.reverse();
      for (const [i, run] of order) {
        const last = round === rounds - 1 && i === chosen.length - 1 && !(alternate && round % 2 === 1);
        const r = await rxInitialSync(server, cookie, run, last ? B_IDENTIFIER : `bench-a-${round}-${i}`, last);
        log(`a: RxDB (${RX_STORAGE} storage), ${runName(run)}${rounds > 1 ? ` (round ${round + 1})` : ''}: ${fmtMs(r.ms)}, client CPU ${fmtMs(r.cpuMs)}, ${r.count} candidates (${r.heapBefore}, load average ${os.loadavg()[0]!.toFixed(1)})`);
        // The region also holds other kinds (notes, …) that the candidates collection does not take.
        if (r.count < N) throw new Error(`RxDB client holds ${r.count} candidates, fewer than the ${N} seeded`);
        rx[i]!.ms.push(r.ms);
        rx[i]!.cpuMs.push(r.cpuMs);
        if (last) keep = r.db;
      }
    }
    const pouchDefault = pouch.find((p) => p.batch === 100) ?? pouch[0];
    const pouchBest = pouch.length ? pouch.reduce((a, b) => (b.ms < a.ms ? b : a)) : undefined;
    for (const r of pouchDefault && pouchBest ? rx : []) {
      const ms = median(r.ms);
      const many = r.ms.length > 1 ? ` (median of ${r.ms.map(fmtMs).join(' / ')})` : '';
      for (const p of new Set([pouchDefault!, pouchBest!])) {
        const ratio = p.ms / ms;
        rows.push({
          part: `a. initial sync ${total} docs`,
          figure: `RxDB ${runName(r)}${isApp(r) ? ' (app)' : ''}: ${fmtMs(ms)}${many}, client CPU ${fmtMs(median(r.cpuMs))}`,
          baseline: `PouchDB.replicate batch_size ${p.batch}: ${fmtMs(p.ms)}`,
          ratio: `${ratio.toFixed(2)}× faster`,
          target: '≥ 3×',
          met: ratio >= 3,
        });
      }
    }
    // The app's pull in both shapes (BENCH_RX_SHAPE=1,0), from the same rounds.
    const shaped = rx.find((r) => isApp(r));
    const unshaped = rx.find((r) => !r.rxShape && isApp({ ...r, rxShape: true }));
    if (shaped && unshaped) {
      rows.push({
        part: `a. initial sync ${total} docs, documents in RxDB's shape against CouchDB's`,
        figure: `RxDB's shape ${fmtMs(median(shaped.ms))} (${shaped.ms.map(fmtMs).join(' / ')}), client CPU ${fmtMs(median(shaped.cpuMs))} (${shaped.cpuMs.map(fmtMs).join(' / ')})`,
        baseline: `CouchDB's shape ${fmtMs(median(unshaped.ms))} (${unshaped.ms.map(fmtMs).join(' / ')}), client CPU ${fmtMs(median(unshaped.cpuMs))} (${unshaped.cpuMs.map(fmtMs).join(' / ')})`,
        ratio: `${(median(unshaped.ms) / median(shaped.ms)).toFixed(2)}× wall, ${(median(unshaped.cpuMs) / median(shaped.cpuMs)).toFixed(2)}× CPU`,
        target: '–',
        met: true,
      });
    }

    profilePhase(server, 'RxDB initial sync');
    if (PARTS.has('replay')) await partReplay(server, cookie);
    if (PARTS.has('b') && keep) for (const [round, push] of PUSH_BATCHES.entries()) await partB(server, cookie, keep, push, round);
    await keep?.remove();
  } finally {
    await stopServer(server);
  }
}


/**
 * BENCH_PARTS=replay: the client's own cost of an initial sync, without the server's share. The
 * feed of BENCH_REPLAY_N documents is read once from the server (pages of the app's pull batch,
 * as text); then BENCH_REPLAY_RUNS RxDB clients pull it from memory with the app's settings. Used
 * to compare client-side changes in turns; a change to parse pages into RxDB's shape was measured
 * this way and dropped (1.18x at 20,000 but 0.84x at 100,000; README, Sixth round).
 * BENCH_REPLAY_SHAPED=1 adds, in turns, the same feed in CouchDB's shape (`_id`, `_rev`), as
 * before the eighth round: the recorded feed is the server's answer with `regiodesk_shape=rx`,
 * as the app asks it, and the CouchDB-shaped one its answer without. BENCH_REPLAY_DELETED_FALSE=1
 * adds RxDB's shape with `"_deleted":false` written into live documents (RxDB sets the property
 * on its copy of each document otherwise), to measure whether the server should send it.
 * BENCH_REPLAY_ASCII=1 adds RxDB's shape in ASCII only (`\uXXXX` escapes): Node's fetch decodes
 * an ASCII body faster, but the client used more CPU in all (README, Ninth round).
 * BENCH_REPLAY_IN_PAGES=1 adds the app's feed asked page by page (pages of 1,000, 5 joined per
 * RxDB batch, as before the tenth round) beside the app's one request per batch.
 */
async function partReplay(server: ChildServer, cookie: string): Promise<void> {
  const n = Number(env.BENCH_REPLAY_N ?? 20_000);
  const runsEach = Number(env.BENCH_REPLAY_RUNS ?? 3);
  const pages = new Map<string, string>();
  const couchPages = new Map<string, string>();
  let since = '0';
  let docs = 0;
  const selector = encodeURIComponent(JSON.stringify(kindSelector('candidate')));
  while (docs < n) {
    const url = `${server.url}/region-twente/_changes?style=all_docs&include_docs=true&filter=_selector&selector=${selector}&limit=${PULL_BATCH_SIZE}&since=${encodeURIComponent(since)}`;
    const res = await fetch(`${url}&regiodesk_shape=rx`, { headers: { Cookie: cookie } });
    const text = await res.text();
    const page = JSON.parse(text) as { results: unknown[]; last_seq: unknown };
    pages.set(since, text);
    couchPages.set(since, await (await fetch(url, { headers: { Cookie: cookie } })).text());
    docs += page.results.length;
    since = typeof page.last_seq === 'string' ? page.last_seq : JSON.stringify(page.last_seq);
    if (page.results.length < PULL_BATCH_SIZE) break;
  }
  const end = JSON.stringify({ results: [], last_seq: since, pending: 0 }); // the end of the recorded feed
  pages.set(since, end);
  couchPages.set(since, end);
  // The same feed in the app's catch-up requests (5 pages' documents each, catch-up.ts), in RxDB's shape.
  const batchPages = new Map<string, string>();
  const batchLimit = PULL_BATCH_SIZE * CATCH_UP_PAGES;
  for (let at = '0', got = 0; ; ) {
    const text = await (await fetch(`${server.url}/region-twente/_changes?style=all_docs&include_docs=true&filter=_selector&selector=${selector}&limit=${batchLimit}&since=${encodeURIComponent(at)}&regiodesk_shape=rx`, { headers: { Cookie: cookie } })).text();
    const page = JSON.parse(text) as { results: unknown[]; last_seq: unknown };
    got += page.results.length;
    batchPages.set(at, text);
    at = typeof page.last_seq === 'string' ? page.last_seq : JSON.stringify(page.last_seq);
    if (page.results.length < batchLimit || got >= docs) {
      batchPages.set(at, JSON.stringify({ results: [], last_seq: at, pending: 0 }));
      break;
    }
  }
  // The same pages in ASCII only (every character above U+007F as its `\uXXXX` escape): tried in
  // the ninth round for Node's faster decoding of ASCII bodies, and dropped (more client CPU).
  const asciiPages = new Map([...pages].map(([k, text]) => [k, text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)]));
  // Live documents (no `_deleted` right after the id) get `"_deleted":false`.
  const deletedFalse = new Map([...pages].map(([k, text]) => [k, text.replace(/"doc":\{"id":("(?:[^"\\]|\\.)*"),(?!"_deleted")/g, '"doc":{"id":$1,"_deleted":false,')]));
  let served = pages;
  const replay = (async (input: RequestInfo | URL) => {
    const u = new URL(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
    const text = (Number(u.searchParams.get('limit')) > PULL_BATCH_SIZE ? batchPages : served).get(u.searchParams.get('since') ?? '0');
    if (text === undefined) throw new Error(`replay: no page since ${u.searchParams.get('since')}`);
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  type Feed = 'rx' | 'couch' | 'rx+deleted' | 'rx-ascii';
  const feeds: Record<Feed, Map<string, string>> = { rx: pages, couch: couchPages, 'rx+deleted': deletedFalse, 'rx-ascii': asciiPages };
  const feedName: Record<Feed, string> = { rx: "RxDB's shape", couch: "CouchDB's shape", 'rx+deleted': "RxDB's shape with _deleted:false", 'rx-ascii': "RxDB's shape in ASCII only" };
  // `inPages`: the batch asked page by page (as before the tenth round), the only way the other
  // feeds are recorded; the app's variant asks each batch in one request (catch-up.ts).
  const variants = [
    ...RX_CATCH_UP.map((catchUp) => ({ catchUp, feed: 'rx' as Feed, inPages: catchUp !== CATCH_UP_PAGES })),
    ...(env.BENCH_REPLAY_IN_PAGES === '1' ? [{ catchUp: RX_CATCH_UP[0]!, feed: 'rx' as Feed, inPages: true }] : []),
    ...(env.BENCH_REPLAY_SHAPED === '1' ? [{ catchUp: RX_CATCH_UP[0]!, feed: 'couch' as Feed, inPages: true }] : []),
    ...(env.BENCH_REPLAY_DELETED_FALSE === '1' ? [{ catchUp: RX_CATCH_UP[0]!, feed: 'rx+deleted' as Feed, inPages: true }] : []),
    ...(env.BENCH_REPLAY_ASCII === '1' ? [{ catchUp: RX_CATCH_UP[0]!, feed: 'rx-ascii' as Feed, inPages: true }] : []),
  ].map((v) => ({ ...v, name: `${v.catchUp} pages per RxDB batch${v.inPages ? ' asked page by page' : ''}, ${feedName[v.feed]}`, ms: [] as number[], cpuMs: [] as number[] }));
  log(`replay: ${docs} documents in ${pages.size - 1} recorded pages; ${runsEach} runs of each variant, in turns: ${variants.map((v) => v.name).join('; ')}`);
  for (let i = 0; i < runsEach; i++) {
    for (const [j, v] of variants.entries()) {
      served = feeds[v.feed];
      const db = await rxClient(['candidates'], RX_STORAGE);
      let cpuMs = 0;
      collectGarbage();
      const heapBefore = heapInUse();
      const { ms } = await profiled(PROFILE_DIR, `replay-${i}-pages-${v.catchUp}${v.inPages ? '-in-pages' : ''}-${v.feed}`, () => timed(async () => {
        const cpu0 = process.cpuUsage();
        // The replay answers pulls only; the push has nothing to send (the client starts empty).
        const { rep } = replicateRegion(db.candidates!, { server: server.url, region: 'twente', cookie, live: false, identifier: `replay-${i}-${j}`, pullBatch: PULL_BATCH_SIZE, baseFetch: replay, catchUpPages: v.catchUp, catchUpInPages: v.inPages, readAhead: v.inPages ? v.catchUp : CATCH_UP_READ_AHEAD });
        await rep.awaitInitialReplication();
        await rep.cancel();
        const cpu = process.cpuUsage(cpu0);
        cpuMs = (cpu.user + cpu.system) / 1000;
      }));
      const count = await db.candidates!.count().exec();
      await db.remove();
      log(`replay: run ${i + 1}, ${v.name}: ${fmtMs(ms)}, client CPU ${fmtMs(cpuMs)} (${count} candidates, ${heapBefore}, load average ${os.loadavg()[0]!.toFixed(1)})`);
      if (count < docs) throw new Error(`replay: the client holds ${count} of ${docs}`);
      v.ms.push(ms);
      v.cpuMs.push(cpuMs);
    }
  }
  // Ratios against CouchDB's shape when it ran (what the eighth round changed), else the first variant.
  const base = variants.find((v) => v.feed === 'couch') ?? variants[0]!;
  for (const v of variants) {
    const first = v === base;
    rows.push({
      part: `a (client only). ${docs} docs replayed from memory, ${v.name}${v.catchUp === CATCH_UP_PAGES && v.feed === 'rx' && !v.inPages ? ' (app)' : ''}, median of ${runsEach}`,
      figure: `${fmtMs(median(v.ms))} (${v.ms.map(fmtMs).join(' / ')}), client CPU ${fmtMs(median(v.cpuMs))} (${v.cpuMs.map(fmtMs).join(' / ')})`,
      baseline: first ? '–' : `${base.name}: ${fmtMs(median(base.ms))}, CPU ${fmtMs(median(base.cpuMs))}`,
      ratio: first ? '–' : `${(median(base.ms) / median(v.ms)).toFixed(2)}× wall, ${(median(base.cpuMs) / median(v.cpuMs)).toFixed(2)}× CPU`,
      target: '–',
      met: true,
    });
  }
}

async function partB(server: ChildServer, cookie: string, db: AnyDb, pushBatch: number, round: number): Promise<void> {
  const col = db.candidates!;
  const all = await col.find({ selector: { id: { $regex: '^bench-' } }, limit: 2 * EOD * (round + 1) }).exec();
  if (all.length < 2 * EOD * (round + 1)) throw new Error(`b needs ${2 * EOD * (round + 1)} candidates, the client has ${all.length}`);
  if (round > 0) {
    // Settle first (untimed): what the previous round pushed comes back through _changes once.
    const settle = replicateRegion(col, { server: server.url, region: 'twente', cookie, live: false, identifier: B_IDENTIFIER, pullBatch: RX_BATCHES[0], pushBatch });
    await withDeadline('settling before b', 10 * 60_000, () => settle.rep.awaitInitialReplication());
    await settle.rep.cancel();
  }
  const mine = all.slice(2 * EOD * round, 2 * EOD * round + EOD);
  const theirs = all.slice(2 * EOD * round + EOD, 2 * EOD * (round + 1)).map((d: { primary: string }) => d.primary);
  const now = new Date().toISOString();

  // The advisor's day, offline: EOD candidates edited on the laptop.
  await col.bulkUpsert(mine.map((d: { toMutableJSON(): Json }) => ({ ...d.toMutableJSON(), place: 'Borne', updatedAt: now, updatedBy: 'anna' })));
  // The memory storage updates its indexes lazily, at the next read or write: without a read
  // here the day's edits would be indexed inside the timed sync (≈ 1.5 s at 100,000 in a
  // profile). In the app (Dexie) an edit is indexed when it is written, during the day.
  await col.storageInstance.findDocumentsById([mine[0]!.primary], true);
  // Colleagues' day: EOD other candidates changed on the server.
  const got = (await postRead(`${server.url}/region-twente/_all_docs`, cookie, { keys: theirs, include_docs: true })) as { rows: { doc: Json }[] };
  const changed = got.rows.map((r) => ({ ...r.doc, phase: 'matchen', updatedAt: now, updatedBy: 'daan' }));
  for (let i = 0; i < changed.length; i += 1000) await post(`${server.url}/region-twente/_bulk_docs`, cookie, { docs: changed.slice(i, i + 1000) });

  profilePhase(server, 'b: preparing');
  const trace: RequestTrace[] = [];
  let t0 = 0;
  const { ms } = await profiled(PROFILE_DIR, `b-end-of-day-push-${pushBatch}`, () => timed(async () => {
    t0 = performance.now();
    const { rep, errors } = replicateRegion(col, { server: server.url, region: 'twente', cookie, live: false, identifier: B_IDENTIFIER, pullBatch: RX_BATCHES[0], pushBatch, onRequest: (r) => trace.push(r) });
    await withDeadline('end-of-day sync', 10 * 60_000, () => rep.awaitInitialReplication());
    await rep.cancel();
    if (errors.length) log(`b: ${errors.length} failed request(s) retried`);
  }));
  profilePhase(server, 'b: end-of-day sync');
  printTimeline(trace, t0, ms);
  // Check both directions arrived.
  const sample = (await postRead(`${server.url}/region-twente/_all_docs`, cookie, { keys: [mine[0]!.primary, mine[EOD - 1]!.primary], include_docs: true })) as { rows: { doc: Json }[] };
  const up = sample.rows.every((r) => r.doc.place === 'Borne');
  const down = (await col.findByIds([theirs[0]!, theirs[EOD - 1]!]).exec()) as Map<string, { phase: string }>;
  const ok = up && [...down.values()].every((d) => d.phase === 'matchen');
  log(`b: end-of-day sync, ${EOD} up + ${EOD} down, push batch ${pushBatch}: ${fmtMs(ms)} (${ok ? 'both directions arrived' : 'MISSING CHANGES'})`);
  rows.push({
    part: `b. end-of-day sync, ${EOD} changed each way (pull ${RX_BATCHES[0]}, push ${pushBatch}${pushBatch === PUSH_BATCH_SIZE ? ', the app' : ''})`,
    figure: fmtMs(ms),
    baseline: '–',
    ratio: '–',
    target: '< 5 s',
    met: ok && ms < 5000,
  });
}

/**
 * b's requests on a time line (ms from the sync's start) and how much of the sync had at least
 * one request open: the rest is the client's own work (storing, meta documents, checkpoints).
 */
function printTimeline(trace: RequestTrace[], t0: number, total: number): void {
  const spans = trace.map((r) => [r.start - t0, r.end - t0] as const).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let till = 0;
  for (const [s, e] of spans) {
    if (e <= till) continue;
    busy += e - Math.max(s, till);
    till = e;
  }
  for (const r of trace) log(`b:   ${(r.start - t0).toFixed(0).padStart(6)} → ${(r.end - t0).toFixed(0).padStart(6)} ms  ${r.method} ${r.what}, ${r.count} docs`);
  log(`b: ${trace.length} requests; at least one open ${fmtMs(busy)} of ${fmtMs(total)} (${((100 * busy) / total).toFixed(0)} %), none open ${fmtMs(total - busy)}`);
}

// ---------------------------------------------------------------- c

async function partC(): Promise<void> {
  log(`c: ${CLIENTS} long-polling clients, one writer, ${WRITES} writes…`);
  const server = await ChildServer.start({ demo: true, env: serverEnv(), startTimeoutMs: 120_000 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let stop = false;
  try {
    const cookie = await sessionCookie(server.url, 'bram', DEMO_PASSWORD);
    const dbPath = '/region-utrecht';
    const start = (await get(`${server.url}${dbPath}`, cookie)).update_seq as number | string;
    const port = Number(new URL(server.url).port);
    const writtenAt = new Map<string, number>();
    const delays: number[] = [];
    const perWrite = new Map<string, number[]>();
    const requests: http.ClientRequest[] = [];

    const longpoll = (since: string | number): Promise<{ results: { id: string }[]; last_seq: string | number }> =>
      new Promise((resolve, reject) => {
        const req = http.get(
          { host: '127.0.0.1', port, agent, path: `${dbPath}/_changes?feed=longpoll&since=${encodeURIComponent(String(since))}&timeout=20000`, headers: { Cookie: cookie } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => {
              try {
                resolve(JSON.parse(body));
              } catch (e) {
                reject(e);
              }
            });
            res.on('error', reject);
          },
        );
        requests.push(req);
        req.on('error', reject);
      });

    let ready = 0;
    const clients = Array.from({ length: CLIENTS }, async () => {
      let seq: string | number = start;
      let first = true;
      while (!stop) {
        const p = longpoll(seq);
        if (first) {
          ready++;
          first = false;
        }
        const r = await p.catch(() => null);
        if (!r) {
          if (!stop) await new Promise((res) => setTimeout(res, 100));
          continue;
        }
        const t = performance.now();
        for (const row of r.results) {
          const w = writtenAt.get(row.id);
          if (w !== undefined) {
            delays.push(t - w);
            perWrite.get(row.id)!.push(t - w);
          }
        }
        seq = r.last_seq;
      }
    });
    await withDeadline('clients connecting', 60_000, async () => {
      while (ready < CLIENTS) await new Promise((r) => setTimeout(r, 50));
    });
    await new Promise((r) => setTimeout(r, 1000)); // all long-polls parked on the server
    profilePhase(server, 'c: start and connect');

    const docs = demoCandidates('utrecht', WRITES, ['bram']);
    for (const [i, c] of docs.entries()) {
      const { id, ...rest } = c;
      const docId = `live-${i}-${id}`;
      perWrite.set(docId, []);
      writtenAt.set(docId, performance.now());
      await post(`${server.url}${dbPath}/${encodeURIComponent(docId)}`, cookie, rest, 'PUT');
      // Next write once everybody has it (or after 2 s): delays of one write do not pile onto the next.
      const t = performance.now();
      while (perWrite.get(docId)!.length < CLIENTS && since(t) < 2000) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 100));
    }
    await withDeadline('last write reaching everybody', 20_000, async () => {
      while (delays.length < CLIENTS * WRITES) await new Promise((r) => setTimeout(r, 20));
    }).catch((e: Error) => log(`c: ${e.message}`));
    stop = true;
    const seenAll = [...perWrite.values()].filter((d) => d.length === CLIENTS).length;
    const worstPerWrite = [...perWrite.values()].map((d) => (d.length === CLIENTS ? Math.max(...d) : Infinity));
    const p95 = percentile(delays, 95);
    const p95all = percentile(worstPerWrite, 95);
    log(`c: ${delays.length} of ${CLIENTS * WRITES} deliveries; per delivery p50 ${fmtMs(percentile(delays, 50))}, p95 ${fmtMs(p95)}, max ${fmtMs(Math.max(...delays))}; write → all ${CLIENTS} clients p95 ${fmtMs(p95all)} (${seenAll}/${WRITES} writes reached all)`);
    rows.push({
      part: `c. ${CLIENTS} live clients (long-poll), 1 writer`,
      figure: `p95 write → client ${fmtMs(p95)}; write → every client p95 ${fmtMs(p95all)}`,
      baseline: '–',
      ratio: '–',
      target: 'p95 < 500 ms',
      met: p95all < 500 && seenAll === WRITES,
    });
    for (const r of requests) r.destroy();
    await Promise.race([Promise.all(clients), new Promise((r) => setTimeout(r, 5000))]);
  } finally {
    stop = true;
    agent.destroy();
    await stopServer(server);
  }
}

// ---------------------------------------------------------------- d

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function startExpressPouchdb(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-ep-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bench/support/express-pouchdb-child.mjs'), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await withDeadline('express-pouchdb start', 60_000, () => new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`express-pouchdb exited ${code}: ${out}`)));
  }));
  return {
    url,
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const D_WRITERS = Number(env.BENCH_D_WRITERS ?? 4);
const D_BATCHES = Number(env.BENCH_D_BATCHES ?? 25);
const D_BATCH = Number(env.BENCH_D_BATCH ?? 100);

/**
 * The same load on either server: D_WRITERS writers each post D_BATCHES `_bulk_docs` of D_BATCH
 * new candidates while two readers follow `_changes` (longpoll, include_docs) until they have
 * seen every document. Throughput = documents written and read per second.
 */
async function load(dbUrl: string, cookie: string | null, tag: string): Promise<{ ms: number; docsPerSec: number }> {
  const total = D_WRITERS * D_BATCHES * D_BATCH;
  const docs = demoCandidates('rijnmond', total, ['admin']).map(({ id, ...rest }) => ({ _id: `${tag}-${id}`, ...rest }));
  // Making the documents can block this process for seconds on a loaded machine; let fetch see
  // the keep-alive sockets the servers closed meanwhile, or it reuses one ("other side closed").
  await new Promise((r) => setTimeout(r, 20));
  const start = (await get(dbUrl, cookie)).update_seq as string | number;
  const readers = 2;
  const t0 = performance.now();
  const writers = Array.from({ length: D_WRITERS }, async (_, w) => {
    for (let b = 0; b < D_BATCHES; b++) {
      const off = (w * D_BATCHES + b) * D_BATCH;
      const res = (await post(`${dbUrl}/_bulk_docs`, cookie, { docs: docs.slice(off, off + D_BATCH) })) as Json[];
      if (res.some((r) => !r.ok)) throw new Error(`${tag}: write refused ${JSON.stringify(res.find((r) => !r.ok))}`);
    }
  });
  const follow = Array.from({ length: readers }, async () => {
    const seen = new Set<string>();
    let seq = start;
    while (seen.size < total) {
      const r = (await get(`${dbUrl}/_changes?feed=longpoll&include_docs=true&limit=1000&timeout=10000&since=${encodeURIComponent(String(seq))}`, cookie)) as { results: { id: string; doc?: Json }[]; last_seq: string | number };
      for (const row of r.results) if (row.doc) seen.add(row.id);
      seq = r.last_seq;
    }
  });
  await withDeadline(`${tag} load`, 10 * 60_000, () => Promise.all([...writers, ...follow]));
  const ms = since(t0);
  return { ms, docsPerSec: (total * (1 + readers)) / (ms / 1000) };
}

/** Storage engines of our server to measure in d (REGIODESK_STORE; sync-server/store/open-store.ts), each against the same baseline. */
const D_STORES = (env.BENCH_D_STORES ?? 'log,leveldb').split(',').map((s) => s.trim()).filter(Boolean);

async function partD(): Promise<void> {
  log(`d: ${D_WRITERS} writers × ${D_BATCHES} _bulk_docs of ${D_BATCH}, 2 _changes readers, on each server (ours with store ${D_STORES.join(', ')})…`);
  const ours: ChildServer[] = [];
  for (const store of D_STORES) ours.push(await ChildServer.start({ demo: true, startTimeoutMs: 120_000, env: { REGIODESK_STORE: store, ...serverEnv() } }));
  const ep = await startExpressPouchdb();
  try {
    const admins = await Promise.all(ours.map((o) => sessionCookie(o.url, 'admin', CHILD_ADMIN_PASSWORD)));
    await post(`${ep.url}/bench`, null, {}, 'PUT');
    // With BENCH_PROFILE the start (demo data) goes to its own profile; the next one is the load.
    for (const o of ours) profilePhase(o, 'd: start');
    // Warm-up, then the measured runs, alternating so load from elsewhere hits all alike.
    const oursRuns: { ms: number; docsPerSec: number }[][] = ours.map(() => []);
    const epRuns: { ms: number; docsPerSec: number }[] = [];
    for (const tag of ['warm', 'run1', 'run2']) {
      for (let i = 0; i < ours.length; i++) {
        const r = await load(`${ours[i]!.url}/region-rijnmond`, admins[i]!, tag);
        if (tag !== 'warm') oursRuns[i]!.push(r);
      }
      const r = await load(`${ep.url}/bench`, null, tag);
      if (tag !== 'warm') epRuns.push(r);
    }
    const avg = (runs: { docsPerSec: number }[]) => runs.reduce((a, r) => a + r.docsPerSec, 0) / runs.length;
    const epRate = avg(epRuns);
    D_STORES.forEach((store, i) => {
      const oursRate = avg(oursRuns[i]!);
      log(`d: Regiodesk server (store ${store}) ${oursRate.toFixed(0)} docs/s (${oursRuns[i]!.map((r) => fmtMs(r.ms)).join(', ')}); express-pouchdb ${epRate.toFixed(0)} docs/s (${epRuns.map((r) => fmtMs(r.ms)).join(', ')})`);
      rows.push({
        part: `d. _bulk_docs + _changes throughput, store ${store}`,
        figure: `Regiodesk ${oursRate.toFixed(0)} docs/s (auth, validation)`,
        baseline: `express-pouchdb ${epRate.toFixed(0)} docs/s (no auth)`,
        ratio: `${(oursRate / epRate).toFixed(2)}×`,
        target: '≥ 2×',
        met: oursRate / epRate >= 2,
      });
    });
  } finally {
    await ep.close();
    for (const o of ours) await stopServer(o);
  }
}

/**
 * BENCH_PARTS=feed: what the server spends on the app's initial-sync feed, without HTTP or a
 * client. BENCH_N demo candidates in a log store (sync-server/store/log), then the whole feed read
 * in the app's catch-up requests with its kind selector as the `_changes` route widens it for
 * private saved views (couch/private-views.ts) and written as the route writes it in RxDB's
 * shape, BENCH_FEED_ROUNDS times in turns with the widening before the tenth round (`{type:
 * 'savedView', shared: false}`), which reads more than `type` and so takes the path that parses
 * every body (store/log/log-kind.ts: the ninth round's in-store figure missed that widening).
 */
async function partFeed(): Promise<void> {
  const { LogStore } = await import('../sync-server/store/log/log-store');
  const { changesText } = await import('../sync-server/couch/changes-text');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-feed-'));
  const store = new LogStore(dir);
  try {
    await store.create('region-twente');
    const db = (await store.open('region-twente'))!;
    const docs = demoCandidates('twente', N, ['anna']).map(({ id, ...rest }) => ({ _id: id, ...rest }));
    for (let i = 0; i < docs.length; i += 2000) await db.bulkDocs(docs.slice(i, i + 2000), true);
    const kind = kindSelector('candidate');
    // As the `_changes` route reads it: the selector widened for private saved views (planChanges),
    // the rows as the user may see them, the answer's text; pages of the app's catch-up requests.
    const { planChanges } = await import('../sync-server/couch/private-views');
    const page = PULL_BATCH_SIZE * CATCH_UP_PAGES;
    const plan = planChanges({ since: 0, limit: page, includeDocs: true, allLeaves: true, rawDocs: true, selector: kind }, 'anna');
    const variants = [
      { name: 'kind selector as the route widens it (type kept with each entry)', selector: plan.query.selector!, cpuMs: [] as number[] },
      { name: 'widened with `shared: false` (before the tenth round: read from each body)', selector: { $or: [...(kind.$or as unknown[]), { type: 'savedView', shared: false }] }, cpuMs: [] as number[] },
    ];
    const readAll = async (selector: Record<string, unknown>): Promise<number> => {
      let since: number | string = 0;
      let rowsRead = 0;
      for (;;) {
        const r = await db.changes({ ...plan.query, since, selector });
        changesText(plan.rows(r.results), r.last_seq, 0, 'rx');
        rowsRead += r.results.length;
        since = r.last_seq;
        if (r.results.length < page) return rowsRead;
      }
    };
    for (const v of variants) await readAll(v.selector); // warm-up
    const rounds = Number(env.BENCH_FEED_ROUNDS ?? 5);
    for (let i = 0; i < rounds; i++) {
      for (const v of variants) {
        const cpu0 = process.cpuUsage();
        const n = await readAll(v.selector);
        const cpu = process.cpuUsage(cpu0);
        v.cpuMs.push((cpu.user + cpu.system) / 1000);
        if (n !== N) throw new Error(`feed: ${v.name} read ${n} of ${N}`);
      }
    }
    const [fast, slow] = variants as [(typeof variants)[0], (typeof variants)[0]];
    log(`feed: ${fast.name} ${fast.cpuMs.map(fmtMs).join(' / ')}; ${slow.name} ${slow.cpuMs.map(fmtMs).join(' / ')} (load average ${os.loadavg()[0]!.toFixed(1)})`);
    rows.push({
      part: `feed. server CPU for the whole initial-sync feed of ${N} (pages of ${page}, RxDB's shape), median of ${rounds}`,
      figure: `${fast.name}: ${fmtMs(median(fast.cpuMs))}`,
      baseline: `${slow.name}: ${fmtMs(median(slow.cpuMs))}`,
      ratio: `${(median(slow.cpuMs) / median(fast.cpuMs)).toFixed(2)}× less CPU`,
      target: '–',
      met: true,
    });
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(`machine: ${machine()}`);
  const t = performance.now();
  if (PARTS.has('a') || PARTS.has('b') || PARTS.has('replay')) await partAB();
  if (PARTS.has('c')) await partC();
  if (PARTS.has('d')) await partD();
  if (PARTS.has('feed')) await partFeed();
  console.log(`\nSync benchmark, ${new Date().toISOString()}, ${machine()}, total ${fmtMs(since(t))}\n`);
  printTable(rows);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('[bench:sync] failed:', e);
    process.exit(1);
  },
);
