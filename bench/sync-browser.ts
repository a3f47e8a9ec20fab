/**
 * npm run bench:sync-browser — parts a and b of bench:sync with the client the users have: the
 * app in Chromium on its real IndexedDB (Dexie), not RxDB's memory storage in Node (whose inserts
 * and updates keep sorted arrays per index and cost O(n) each at 100,000 documents, see the README).
 *  a  anna logs in with an empty browser profile; the app's own sync (every replicated kind of
 *     her region, its batch sizes, read-ahead and catch-up batches) pulls the region of BENCH_N
 *     (100,000) demo candidates; timed from the login click until the candidates are all stored.
 *     Baseline in the same browser: PouchDB.replicate (pouchdb-browser's IndexedDB adapter,
 *     batch_size 100, its default) of the same database into a fresh PouchDB.
 *  b  end-of-day sync in the same profile, started when the page is quiet after a: offline, the
 *     laptop edits BENCH_EOD (2,000) candidates and colleagues change 2,000 others on the server;
 *     back online (the app syncs by itself), timed until both sides hold all changes. Before and
 *     after the offline edits it prints how many candidates changed since the push's checkpoint
 *     (a build that exposes its replication states in a bench profile; others print nothing).
 * Builds the renderer into a temporary folder unless REGIODESK_WEB_ROOT points to a build.
 * BENCH_BROWSER_PROFILE=<dir>: CPU profiles of the page during a and b (app-a.cpuprofile,
 * app-b.cpuprofile; sum them up with node bench/support/profile-top.mjs <file>).
 * BENCH_COMPARE_WEB_ROOT=<dir>: a second renderer build (e.g. of the code before a change) also
 * runs a and b, in the same browser, before the current build, against its own server seeded the
 * same way; the table then prints both and the speed-up (before/after in one run).
 * BENCH_PARTS=b: b alone (no PouchDB baseline; the app's initial sync still fills the browser).
 * b prints its requests as the page saw them on a time line, and the page's main-thread CPU.
 * b's clock stops when all BENCH_EOD changes are on each side (by revision on the server, by
 * value in the page); it also prints when the page's collection stored the colleagues' changes
 * and the CPU of all Chromium processes (IndexedDB works in the browser process) and the server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { DEMO_PASSWORD } from '../sync-server/demo/load';
import { ChildServer, sessionCookie } from '../sync-server/reliability/child-server';
import { countCandidates, get, post, seedRegion } from './support/sync-http';
import { fmtMs, machine, printTable, type Row } from './support/measure';
import { readProcessTrees } from './support/proc-cpu';

const N = Number(process.env.BENCH_N ?? 100_000);
const EOD = Number(process.env.BENCH_EOD ?? 2_000);
const POUCH_BATCH = Number(process.env.BENCH_POUCH_BATCH ?? 100);
const POUCHDB_JS = createRequire(import.meta.url).resolve('pouchdb/dist/pouchdb.min.js');
const PROFILE_DIR = process.env.BENCH_BROWSER_PROFILE;
const COMPARE_ROOT = process.env.BENCH_COMPARE_WEB_ROOT;
/** BENCH_PARTS=b skips a's PouchDB baseline (the app's initial sync still runs, untimed for b). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'a,b').split(',').map((p) => p.trim()));
const log = (s: string) => console.log(`[bench:sync-browser] ${s}`);

/** With BENCH_BROWSER_PROFILE: starts the page's CPU profiler; the returned function writes it. */
async function profilePage(page: Page, name: string): Promise<() => Promise<void>> {
  if (!PROFILE_DIR) return async () => {};
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => {
    const file = join(PROFILE_DIR, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    log(`CPU profile of the page: ${file}`);
  };
}
type Json = Record<string, any>;

const work = mkdtempSync(join(tmpdir(), 'regiodesk-bench-sync-browser-'));
let webRoot = process.env.REGIODESK_WEB_ROOT;
if (!webRoot) {
  webRoot = join(work, 'renderer');
  log(`building the renderer into ${webRoot} (set REGIODESK_WEB_ROOT to reuse a build)…`);
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, REGIODESK_RENDERER_OUT: webRoot } });
  if (built.status !== 0) throw new Error('vite build failed');
}

/** Polls `check` in Node every `every` ms; the time is taken in Node around the whole wait. */
async function until(what: string, check: () => Promise<boolean>, every = 250, maxMs = 30 * 60_000): Promise<void> {
  const end = Date.now() + maxMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

async function pouchBaseline(page: Page, url: string): Promise<{ ms: number; count: number }> {
  await page.goto(`${url}/app/`);
  // The login screen only: the app starts no sync before a login. PouchDB uses the session cookie.
  await page.evaluate(async (pw) => {
    const res = await fetch('/_session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'anna', password: pw }), credentials: 'include' });
    if (!res.ok) throw new Error(`login ${res.status}`);
  }, DEMO_PASSWORD);
  await page.addScriptTag({ path: POUCHDB_JS });
  // A string, not a function: tsx would wrap the inner arrow functions in a helper the page lacks.
  return page.evaluate(`(async () => {
    const P = globalThis.PouchDB;
    const remote = new P(location.origin + '/region-twente', { skip_setup: true, fetch: (u, o) => fetch(u, { ...o, credentials: 'include' }) });
    const local = new P('bench-pouch-' + Date.now());
    const t = performance.now();
    await P.replicate(remote, local, { batch_size: ${POUCH_BATCH} });
    const ms = performance.now() - t;
    const count = (await local.info()).doc_count;
    await local.destroy();
    return { ms, count };
  })()`) as Promise<{ ms: number; count: number }>;
}

const countInPage = (page: Page) => page.evaluate(() => {
  const b = (globalThis as any).__regiodeskBench;
  return b ? (b.db.candidates.count().exec() as Promise<number>) : 0;
});

/** Part a with the app: a new browser profile logs in as anna; timed until all candidates are stored. */
async function appInitialSync(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string, candidates: number, profileName: string) {
  const ctx = await browser.newContext();
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${url}/app/`);
  await page.evaluate(() => localStorage.setItem('regiodesk.bench', '1'));
  await page.getByLabel('Gebruikersnaam').fill('anna');
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  // CPU seconds of the page's main thread beside the wall clock: on a shared machine the wall
  // clock measures the neighbours too (two runs at load 13-17 swung by 1.5x each way).
  const metrics = await ctx.newCDPSession(page);
  await metrics.send('Performance.enable');
  const threadTime = async () => (await metrics.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
  const stop = await profilePage(page, profileName);
  const cpu0 = await threadTime();
  const t = Date.now();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await until('the initial sync', async () => (await countInPage(page)) >= candidates, 250);
  const ms = Date.now() - t;
  const cpuMs = ((await threadTime()) - cpu0) * 1000;
  await stop();
  return { ms, cpuMs, ctx, page };
}

/**
 * CPU seconds of this bench's descendant processes from /proc, split into those under `serverPid`
 * (the sync server) and the rest (Chromium: its browser process, where IndexedDB does its work,
 * the renderer, helpers). The page's ThreadTime misses IndexedDB's side entirely.
 */
function processCpu(serverPid: number | undefined): { server: number; chromium: number } {
  const procs = readProcessTrees();
  const server = serverPid ? procs.tree(serverPid) : new Set<number>();
  let s = 0;
  let c = 0;
  for (const pid of procs.tree(process.pid)) {
    if (pid === process.pid) continue;
    if (server.has(pid)) s += procs.cpuOf(pid);
    else c += procs.cpuOf(pid);
  }
  return { server: s, chromium: c };
}

/**
 * Waits until the page's main thread used under 5 % of a core over two seconds in a row (at most
 * 5 minutes); returns how long that took. Build-independent: a compared build settles the same way.
 */
async function untilQuiet(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
  const t0 = Date.now();
  let quiet = 0;
  let last = await threadTime();
  while (quiet < 2 && Date.now() - t0 < 5 * 60_000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await threadTime();
    quiet = now - last < 0.05 ? quiet + 1 : 0;
    last = now;
  }
  await cdp.detach();
  return Date.now() - t0;
}

/** One request of b seen from the page (Playwright's request events), ms on Node's clock. */
interface PageRequest { start: number; end: number; method: string; what: string; docs: number | null; bytes: number }

/** Records the page's requests to the server until the returned function is called. */
function traceRequests(page: Page, origin: string): () => PageRequest[] {
  const open = new Map<object, { start: number; method: string; what: string; docs: number | null }>();
  const done: PageRequest[] = [];
  const onRequest = (req: import('playwright-core').Request) => {
    if (!req.url().startsWith(origin)) return;
    const u = new URL(req.url());
    // The kind a request is for: the `_changes` selector's type, the first pushed document's type or key.
    let kind = /"type":"([^"]+)"/.exec(u.searchParams.get('selector') ?? '')?.[1] ?? '';
    let docs: number | null = null;
    try {
      const body = req.postData();
      if (body) {
        const j = JSON.parse(body) as { docs?: { type?: string }[]; keys?: string[] };
        docs = (j.docs ?? j.keys ?? []).length;
        kind = j.docs?.[0]?.type ?? String(j.keys?.[0] ?? '').replace(/^(bench-)?([a-z]+).*$/, '$2');
      }
    } catch {
      // not JSON: no count
    }
    const what = `${u.pathname}${kind ? ` [${kind}]` : ''}${u.searchParams.has('since') ? ` since=${u.searchParams.get('since')!.slice(0, 12)}` : ''}`;
    open.set(req, { start: Date.now(), method: req.method(), what, docs });
  };
  const onEnd = (req: import('playwright-core').Request) => {
    const o = open.get(req);
    if (!o) return;
    open.delete(req);
    done.push({ ...o, end: Date.now(), bytes: 0 });
  };
  page.on('request', onRequest);
  page.on('requestfinished', onEnd);
  page.on('requestfailed', onEnd);
  return () => {
    page.off('request', onRequest);
    page.off('requestfinished', onEnd);
    page.off('requestfailed', onEnd);
    return done;
  };
}

/**
 * b's requests on a time line (ms from going online) and how much of the sync had at least one
 * request open: the rest is the page's own work (storing, meta documents, the list's reactions).
 */
function printTimeline(label: string, trace: PageRequest[], t0: number, total: number): void {
  const inside = trace.filter((r) => r.start - t0 < total).sort((a, b) => a.start - b.start);
  let busy = 0;
  let till = 0;
  for (const r of inside) {
    const s = r.start - t0;
    const e = Math.min(r.end - t0, total);
    if (e <= till) continue;
    busy += e - Math.max(s, till);
    till = e;
  }
  const quiet = (r: PageRequest) => /_changes/.test(r.what) && r.end - r.start < 30 && r.docs === null;
  for (const r of inside) {
    if (inside.length > 60 && quiet(r)) continue; // the many empty pulls of the other kinds: counted below
    log(`b${label}:   ${(r.start - t0).toFixed(0).padStart(6)} → ${(r.end - t0).toFixed(0).padStart(6)} ms  ${r.method} ${r.what}${r.docs !== null ? `, ${r.docs} docs/keys` : ''}`);
  }
  log(`b${label}: ${inside.length} requests (${inside.filter(quiet).length} short _changes not listed when > 60); at least one open ${fmtMs(busy)} of ${fmtMs(total)} (${((100 * busy) / total).toFixed(0)} %), none open ${fmtMs(total - busy)}`);
}

interface BResult { ms: number; cpuMs: number; complete: boolean }
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0);

/**
 * Where the candidates' push stands (the app exposes its replication states in a bench profile):
 * paused or not, and how many candidates changed since its checkpoint — those go into its next
 * `_all_docs` batch when it resyncs, edits or not. A build without the hook prints nothing.
 */
async function printUpstream(page: Page, label: string, when: string): Promise<void> {
  const s = (await page.evaluate(async () => {
    const reps = (globalThis as any).__regiodeskReplications as { collection: string; state: any }[] | undefined;
    const bench = (globalThis as any).__regiodeskBench;
    const rep = reps?.find((r) => r.collection === 'candidates');
    if (!rep || !bench) return null;
    const internal = rep.state.internalReplicationState;
    const cp = internal?.lastCheckpointDoc?.up?.checkpointData as { id: string; lwt: number } | undefined;
    const since = cp ? await bench.changesSince(100_000, cp.lwt) : null;
    return { paused: rep.state.isPaused(), lwt: cp?.lwt ?? null, changed: since ? since.documents.length : null, up: internal?.stats?.up ?? null, down: internal?.stats?.down ?? null };
  })) as { paused: boolean; lwt: number | null; changed: number | null; up: Record<string, number> | null; down: Record<string, number> | null } | null;
  if (!s) return;
  log(`b${label}: ${when}: candidates' push ${s.paused ? 'paused' : 'running'}, ${s.changed ?? '?'} candidates changed since its checkpoint (lwt ${s.lwt}); RxDB's upstream counters ${JSON.stringify(s.up)}, downstream ${JSON.stringify(s.down)}`);
}

/**
 * Part b in the page of a: offline, BENCH_EOD candidates edited in the browser and BENCH_EOD others
 * on the server; back online (the app syncs by itself), timed until both sides hold all changes.
 */
async function endOfDay(ctx: import('playwright-core').BrowserContext, page: Page, url: string, cookie: string, label: string, serverPid: number | undefined): Promise<BResult> {
  const db = `${url}/region-twente`;
  // Let the live sync settle before the laptop goes offline: b is the sync of a day's work, not
  // the tail of a. After a's pull, RxDB's push still reads back every pulled document (its
  // checkpoint lags the pull; thousands were left 3 s after a at load 8-18) and a b started then
  // pushed its edits in two batches behind that reading. So wait until the page is quiet.
  const quietMs = await untilQuiet(page);
  log(`b${label}: the page was quiet ${fmtMs(quietMs)} after a`);
  await printUpstream(page, label, 'before going offline');
  await ctx.setOffline(true);
  const ids = (await page.evaluate(async (n) => {
    const { db: rx } = (globalThis as any).__regiodeskBench;
    const docs = await rx.candidates.find({ selector: { id: { $regex: '^bench-' } }, limit: 2 * n }).exec();
    return docs.map((d: any) => d.primary as string);
  }, EOD)) as string[];
  if (ids.length < 2 * EOD) throw new Error(`b needs ${2 * EOD} candidates, the browser has ${ids.length}`);
  log(`b${label}: offline; editing ${EOD} candidates in the browser and ${EOD} others on the server…`);
  const mine = ids.slice(0, EOD);
  const theirs = ids.slice(EOD);
  const now = new Date().toISOString();
  await page.evaluate(async ({ mine, now }) => {
    const { db: rx } = (globalThis as any).__regiodeskBench;
    const docs = [...(await rx.candidates.findByIds(mine).exec()).values()];
    // 100 edits at a time: one by one, each waiting for the last, took over 10 minutes for
    // 2,000 in a loaded run (the page's reactions to each write), and the page was closed under it.
    for (let i = 0; i < docs.length; i += 100) {
      await Promise.all(docs.slice(i, i + 100).map((d: any) => d.incrementalPatch({ place: 'Borne', updatedAt: now })));
    }
  }, { mine, now });
  const got = (await post(`${db}/_all_docs`, cookie, { keys: theirs, include_docs: true })) as { rows: { doc: Json }[] };
  const changed = got.rows.map((r) => ({ ...r.doc, phase: 'matchen', updatedAt: now, updatedBy: 'daan' }));
  for (let i = 0; i < changed.length; i += 1000) await post(`${db}/_bulk_docs`, cookie, { docs: changed.slice(i, i + 1000) });
  // The offline edits' own reactions (list, search index, snapshot) settle before the clock starts.
  await new Promise((r) => setTimeout(r, 3000));

  const upDone = async (keys: string[]) => {
    const res = (await post(`${db}/_all_docs`, cookie, { keys, include_docs: true })) as { rows: { doc?: Json }[] };
    return res.rows.every((r) => r.doc?.place === 'Borne');
  };
  // The clock stops when every change is on the other side, not only the first and last: the
  // push goes in batches and the pull stores in batches, in no fixed order. Checked by revision
  // (a small answer) and only once the ends are there, so polling stays light.
  const before = (await post(`${db}/_all_docs`, cookie, { keys: mine })) as { rows: { id: string; value?: { rev: string } }[] };
  const revBefore = new Map(before.rows.map((r) => [r.id, r.value?.rev]));
  const allUp = async () => {
    const res = (await post(`${db}/_all_docs`, cookie, { keys: mine })) as { rows: { id: string; value?: { rev: string } }[] };
    return res.rows.every((r) => r.value?.rev !== undefined && r.value.rev !== revBefore.get(r.id));
  };
  const downDone = (keys: string[]) => page.evaluate(async (keys) => {
    const { db: rx } = (globalThis as any).__regiodeskBench;
    const found = await rx.candidates.findByIds(keys).exec();
    return keys.every((k: string) => found.get(k)?.phase === 'matchen');
  }, keys);
  await printUpstream(page, label, 'offline, edits made');
  const ends = [mine[0]!, mine[EOD - 1]!];
  const theirEnds = [theirs[0]!, theirs[EOD - 1]!];
  log(`b${label}: back online`);
  const metrics = await ctx.newCDPSession(page);
  await metrics.send('Performance.enable');
  const threadTime = async () => (await metrics.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
  // When the page's collection emitted each of the colleagues' changes (Date.now() in the page, the
  // same clock as Node's here): separates storing them from the bench's polling.
  await page.evaluate((theirs) => {
    const { db: rx } = (globalThis as any).__regiodeskBench;
    const want = new Set(theirs);
    const at: number[] = [];
    (globalThis as any).__benchStoredAt = at;
    (globalThis as any).__benchStoredSub = rx.candidates.$.subscribe((ev: any) => {
      const d = ev.documentData;
      if (d && want.has(d.id) && d.phase === 'matchen') {
        want.delete(d.id);
        at.push(Date.now());
      }
    });
  }, theirs);
  // The page's own Resource Timing of b's requests: when fetch() was called, when a service worker
  // took it (workerStart), when it went out (requestStart); Playwright only sees the last.
  const pageT0 = (await page.evaluate(() => {
    performance.setResourceTimingBufferSize(10_000);
    performance.clearResourceTimings();
    return performance.now();
  })) as number;
  const stopB = await profilePage(page, `app-b${label ? `-${label.replace(/\W+/g, '')}` : ''}`);
  const stopTrace = traceRequests(page, url);
  const cpu0 = await threadTime();
  const proc0 = processCpu(serverPid);
  const tB = Date.now();
  await ctx.setOffline(false);
  await until('the end-of-day sync', async () => (await upDone(ends)) && (await downDone(theirEnds)) && (await allUp()) && (await downDone(theirs)), 200, 10 * 60_000);
  const ms = Date.now() - tB;
  const cpuMs = ((await threadTime()) - cpu0) * 1000;
  const proc1 = processCpu(serverPid);
  await stopB();
  printTimeline(label, stopTrace(), tB, ms);
  const { timings, origin } = (await page.evaluate(() => ({
    origin: performance.timeOrigin,
    timings: performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming;
      return { name: r.name, start: r.startTime, worker: r.workerStart, request: r.requestStart, response: r.responseStart, end: r.responseEnd };
    }),
  }))) as { origin: number; timings: { name: string; start: number; worker: number; request: number; response: number; end: number }[] };
  const rel = (t: number) => (t > 0 ? (t - pageT0).toFixed(0) : '-');
  const viaWorker = timings.filter((t) => t.worker > 0);
  for (const t of timings.filter((x) => /_all_docs|_bulk_docs/.test(x.name))) {
    log(`b${label}: page's timing ${new URL(t.name).pathname}: fetch() ${rel(t.start)}, service worker ${rel(t.worker)}, request ${rel(t.request)}, response ${rel(t.response)}–${rel(t.end)} ms`);
  }
  log(`b${label}: ${viaWorker.length} of ${timings.length} of the page's requests went through a service worker (fetch() → request sent: median ${median(timings.map((t) => (t.request > 0 ? t.request - t.start : 0))).toFixed(0)} ms, max ${Math.max(0, ...timings.map((t) => (t.request > 0 ? t.request - t.start : 0))).toFixed(0)} ms)`);
  await printUpstream(page, label, 'after b');
  const storedAt = (await page.evaluate(() => {
    (globalThis as any).__benchStoredSub?.unsubscribe();
    return (globalThis as any).__benchStoredAt as number[];
  })).map((t) => t - tB);
  if (storedAt.length) {
    const q = (f: number) => storedAt[Math.min(storedAt.length - 1, Math.floor(f * storedAt.length))]!.toFixed(0);
    log(`b${label}: the colleagues' changes stored in the page (collection events): first ${q(0)} ms, half ${q(0.5)} ms, last ${q(1)} ms (${storedAt.length} of ${EOD})`);
  }
  // The clock above polls (every 200 ms, four checks, each slower on a busy page), so it stops a
  // few hundred ms after the sync is done. When it was done as the page saw it: the last
  // _bulk_docs answered and the last of the colleagues' changes stored, whichever came later.
  const lastPush = Math.max(0, ...timings.filter((t) => /_bulk_docs/.test(t.name)).map((t) => origin + t.end));
  if (storedAt.length === EOD && lastPush > 0) {
    log(`b${label}: done as the page saw it (last _bulk_docs answered ${(lastPush - tB).toFixed(0)} ms, last change stored ${Math.max(...storedAt).toFixed(0)} ms): ${fmtMs(Math.max(lastPush - tB, ...storedAt))}; the polled clock ${fmtMs(ms)}`);
  }
  const complete = (await upDone(mine)) && (await downDone(theirs));
  log(`b${label}: CPU during b: all Chromium processes ${fmtMs((proc1.chromium - proc0.chromium) * 1000)} (page main thread ${fmtMs(cpuMs)}), sync server ${fmtMs((proc1.server - proc0.server) * 1000)}`);
  log(`b${label}: end-of-day sync in Chromium, ${EOD} up + ${EOD} down: ${fmtMs(ms)}, page main thread CPU ${fmtMs(cpuMs)} (${complete ? 'all changes arrived' : 'MISSING CHANGES'})`);
  return { ms, cpuMs, complete };
}

/** Parts a and b with another renderer build on its own server, seeded like the main one. */
async function compareBuild(browser: Awaited<ReturnType<typeof launchBrowser>>, root: string): Promise<{ a: { ms: number; cpuMs: number }; b: BResult | null }> {
  const other = await ChildServer.start({ demo: true, env: { REGIODESK_WEB_ROOT: root }, startTimeoutMs: 120_000 });
  try {
    const cookie = await sessionCookie(other.url, 'anna', DEMO_PASSWORD);
    const db = `${other.url}/region-twente`;
    await seedRegion(db, cookie, 'twente', N, 'bench-');
    const candidates = await countCandidates(db, cookie);
    const { ms, cpuMs, ctx, page } = await appInitialSync(browser, other.url, candidates, 'compare-a');
    log(`a: the compared build (${root}) in Chromium, login → ${candidates} candidates stored: ${fmtMs(ms)} (page main thread CPU ${fmtMs(cpuMs)})`);
    const b = PARTS.has('b') && EOD > 0 ? await endOfDay(ctx, page, other.url, cookie, ' (compared build)', other.pid) : null;
    await ctx.close();
    return { a: { ms, cpuMs }, b };
  } finally {
    await other.close();
  }
}

async function main(): Promise<void> {
  log(`machine: ${machine()}`);
  const rows: Row[] = [];
  const server = await ChildServer.start({ demo: true, env: { REGIODESK_WEB_ROOT: webRoot! }, startTimeoutMs: 120_000 });
  const browser = await launchBrowser();
  try {
    const cookie = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
    const db = `${server.url}/region-twente`;
    const t0 = Date.now();
    await seedRegion(db, cookie, 'twente', N, 'bench-');
    // One full read of the feed lets the server settle (fan-out, caches), as in bench:sync.
    const candidates = await countCandidates(db, cookie);
    log(`a: ${(await get(db, cookie)).doc_count} documents in region-twente, ${candidates} candidates (seeded and read in ${fmtMs(Date.now() - t0)})`);

    let pouch: { ms: number; count: number } | null = null;
    if (PARTS.has('a')) {
      // PouchDB's bundle goes into the page as a script tag, which the app's CSP forbids: bypassed here only.
      const pouchCtx = await browser.browser!.newContext({ bypassCSP: true });
      const pouchPage = pouchCtx.pages()[0] ?? (await pouchCtx.newPage());
      pouch = await pouchBaseline(pouchPage, server.url);
      log(`a: PouchDB.replicate in Chromium (IndexedDB), batch_size ${POUCH_BATCH}: ${fmtMs(pouch.ms)}, ${pouch.count} documents`);
      await pouchCtx.close();
    }

    const compared = COMPARE_ROOT ? await compareBuild(browser, COMPARE_ROOT) : null;
    const { ms, cpuMs, ctx, page } = await appInitialSync(browser, server.url, candidates, 'app-a');
    log(`a: Regiodesk in Chromium (IndexedDB), login → ${candidates} candidates stored: ${fmtMs(ms)} (page main thread CPU ${fmtMs(cpuMs)})`);
    if (pouch) {
      const ratio = pouch.ms / ms;
      rows.push({
        part: `a. initial sync in Chromium, ${candidates} candidates`,
        figure: `Regiodesk (the app, login → all stored): ${fmtMs(ms)}`,
        baseline: `PouchDB.replicate batch_size ${POUCH_BATCH}, IndexedDB: ${fmtMs(pouch.ms)}`,
        ratio: `${ratio.toFixed(2)}× faster`,
        target: '≥ 3×',
        met: ratio >= 3,
      });
    }
    if (compared !== null && PARTS.has('a')) {
      rows.push({
        part: `a. the same with the compared build (BENCH_COMPARE_WEB_ROOT)`,
        figure: `this build ${fmtMs(ms)}, page CPU ${fmtMs(cpuMs)}`,
        baseline: `compared build ${fmtMs(compared.a.ms)}, page CPU ${fmtMs(compared.a.cpuMs)}${pouch ? `; PouchDB ${(pouch.ms / compared.a.ms).toFixed(2)}× of it` : ''}`,
        ratio: `wall ${(compared.a.ms / ms).toFixed(2)}×, page CPU ${(compared.a.cpuMs / cpuMs).toFixed(2)}× faster`,
        target: '–',
        met: true,
      });
    }

    if (PARTS.has('b') && EOD > 0) {
      const b = await endOfDay(ctx, page, server.url, cookie, '', server.pid);
      const cmp = compared?.b;
      rows.push({
        part: `b. end-of-day sync in Chromium, ${EOD} changed each way (client holds ${candidates})`,
        figure: `${fmtMs(b.ms)}, page CPU ${fmtMs(b.cpuMs)}`,
        baseline: cmp ? `compared build ${fmtMs(cmp.ms)}, page CPU ${fmtMs(cmp.cpuMs)}${cmp.complete ? '' : ' (MISSING CHANGES)'}` : '–',
        ratio: cmp ? `wall ${(cmp.ms / b.ms).toFixed(2)}×, page CPU ${(cmp.cpuMs / b.cpuMs).toFixed(2)}× faster` : '–',
        target: '< 5 s',
        met: b.complete && b.ms < 5000,
      });
    }
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nSync benchmark in Chromium, ${new Date().toISOString()}, ${machine()}\n`);
  printTable(rows);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('[bench:sync-browser] failed:', e);
    process.exit(1);
  },
);
