/**
 * tsx bench/indexes-upgrade.ts (with the builds below) — the first start after the index change,
 * in Chromium: how long the schema migration of a filled local store takes and what the page
 * shows meanwhile. Not a test; figures and a ratio printed.
 *
 * Renderer builds, each REGIODESK_RENDERER_OUT=<dir> npx vite build in a checkout of the commit:
 *   BENCH_OLD_WEB_ROOT   the app before the index change, which fills the store, e.g.
 *     git archive 3ca8753 | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/ &&
 *     (cd /tmp/old && REGIODESK_RENDERER_OUT=/tmp/old-renderer npx vite build)
 *   BENCH_NEW_WEB_ROOT   today's app (REGIODESK_RENDERER_OUT=/tmp/new-renderer npx vite build);
 *   BENCH_BASE_WEB_ROOT  optional baseline: an app after the index change that still let RxDB
 *     auto-migrate in steps of 10 (e.g. commit e6048e7). When set, the same upgrade runs with it
 *     first, in its own browser context filled the same way, and the ratio is printed.
 * One browser context (one IndexedDB) per upgrade and one server data folder on a fixed port (the
 * origin owns the IndexedDB): the old app is served, anna logs in, BENCH_N (5,000) demo
 * candidates are put into her local store (offline, so nothing syncs); the server is restarted
 * serving the new app; a new page opens and is unlocked: timed until the database is open (the
 * migration runs inside it) and until the list's first row shows. While it runs, the page is
 * asked for the time every 100 ms: the longest answer tells whether it froze.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { startServer } from '../sync-server/server';
import { withDefaults } from '../sync-server/config';
import { TEST_ADMIN_PASSWORD } from '../sync-server/testing';
import { demoCandidates } from '../sync-server/demo/candidates';

const N = Number(process.env.BENCH_N ?? 5_000);
const PORT = Number(process.env.BENCH_UPGRADE_PORT ?? 47393);
const OLD = process.env.BENCH_OLD_WEB_ROOT;
const NEW = process.env.BENCH_NEW_WEB_ROOT;
const BASE = process.env.BENCH_BASE_WEB_ROOT;
const CHUNK = 2000;
/** BENCH_PROFILE=1: a CPU profile of each upgrade (unlock → database open), top functions by self time. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const log = (s: string) => console.log(`[bench:indexes upgrade] ${s}`);

if (!OLD || !NEW) {
  console.error('Set BENCH_OLD_WEB_ROOT and BENCH_NEW_WEB_ROOT to the two renderer builds (see the top of bench/indexes-upgrade.ts).');
  process.exit(2);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'regiodesk-bench-upgrade-'));
const serve = (webRoot: string) =>
  startServer(withDefaults({ dataDir, host: '127.0.0.1', port: PORT, demo: true, demoSize: 20, adminPassword: TEST_ADMIN_PASSWORD, webRoot: path.resolve(webRoot) }));

interface Upgrade {
  label: string;
  stored: number;
  count: number;
  version: number | undefined;
  toOpen: number;
  openMs: number;
  toRow: number;
  slowest: number;
  shown: string[];
}

/** Logs anna into the old app in `ctx` and puts N candidates into her local store, offline. */
async function fill(ctx: BrowserContext): Promise<number> {
  const page: Page = await ctx.newPage();
  await page.goto(url);
  await page.evaluate(() => localStorage.setItem('regiodesk.bench', '1'));
  await page.getByLabel('Gebruikersnaam').fill('anna');
  await page.getByLabel('Wachtwoord').fill('regiodesk');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.locator('tbody tr.row-link').first().waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => !!(globalThis as any).__regiodeskBench);
  const oldVersion = await page.evaluate(() => (globalThis as any).__regiodeskBench.db.candidates.schema.version as number);
  // Nothing may sync from here on: the store holds what this script put there.
  await ctx.route((u) => !u.pathname.startsWith('/app/'), (route) => route.abort('internetdisconnected'));
  await page.evaluate(() => (globalThis as any).__regiodeskBench.navigate({ name: 'tasks' }));
  const tFill = Date.now();
  for (let done = 0; done < N; done += CHUNK) {
    const batch = demoCandidates('twente', Math.min(CHUNK, N - done), ['anna', 'daan'], Date.now() - done * 1000).map((c, i) => ({ ...c, id: `upg-${done + i}-${c.id.slice(-8)}` }));
    await page.evaluate(async (docs) => {
      const r = await (globalThis as any).__regiodeskBench.db.candidates.bulkInsert(docs);
      if (r.error.length) throw new Error(`${r.error.length} not inserted: ${JSON.stringify(r.error[0]).slice(0, 300)}`);
    }, batch);
  }
  const stored = await page.evaluate(() => (globalThis as any).__regiodeskBench.db.candidates.count().exec() as Promise<number>);
  log(`old app (candidate schema v${oldVersion}): ${stored.toLocaleString('en')} candidates stored in ${((Date.now() - tFill) / 1000).toFixed(1)} s`);
  // Back to the list once, so its snapshot and first rows are remembered as after a day's work.
  await page.evaluate(() => (globalThis as any).__regiodeskBench.navigate({ name: 'list' }));
  await page.waitForFunction(() => (globalThis as any).__regiodeskBench.cache().full, null, { timeout: 600_000 });
  await page.waitForTimeout(7000);
  await page.close();
  return stored;
}

/** Opens the app now served in `ctx` (filled by `fill`) and times its first start. */
async function upgrade(ctx: BrowserContext, label: string, stored: number): Promise<Upgrade> {
  const page = await ctx.newPage();
  await page.goto(url);
  const unlock = page.getByRole('button', { name: 'Ontgrendelen' });
  await unlock.waitFor({ timeout: 120_000 });
  await page.getByLabel('Wachtwoord').fill('regiodesk');
  log(`${label}: unlocking (load average ${load()})`);
  const profiler = PROFILE ? await startProfile(page) : null;
  const t0 = Date.now();
  await unlock.click();
  let opened = false;
  let slowest = 0;
  const seen = new Set<string>();
  const row = page.locator('tbody tr.row-link').first();
  const watch = (async () => {
    while (!opened) {
      const t = Date.now();
      const text = await page.evaluate(() => (document.querySelector('main') ?? document.body).textContent?.trim().slice(0, 80) ?? '');
      slowest = Math.max(slowest, Date.now() - t);
      seen.add(text);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await page.waitForFunction(() => performance.getEntriesByName('regiodesk:db:opened').length > 0, null, { timeout: 1_800_000, polling: 100 });
  const toOpen = Date.now() - t0;
  if (profiler) printProfile(label, await profiler());
  await row.waitFor({ timeout: 900_000 });
  const toRow = Date.now() - t0;
  opened = true;
  await watch;
  const after = await page.evaluate(async () => {
    const b = (globalThis as any).__regiodeskBench;
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('regiodesk:db:'));
    const start = marks.find((m) => m.name === 'regiodesk:db:open-start')?.startTime ?? 0;
    const end = marks.find((m) => m.name === 'regiodesk:db:opened')?.startTime ?? 0;
    return { version: b?.db.candidates.schema.version as number | undefined, count: b ? ((await b.db.candidates.count().exec()) as number) : -1, openMs: end - start };
  });
  log(`${label} (candidate schema v${after.version}): ${after.count.toLocaleString('en')} candidates after the upgrade, database open after ${(toOpen / 1000).toFixed(1)} s (load average ${load()})`);
  await page.close();
  return { label, stored, count: after.count, version: after.version, toOpen, openMs: after.openMs, toRow, slowest, shown: [...seen] };
}

type CpuProfile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };

async function startProfile(page: Page): Promise<() => Promise<CpuProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
}

function printProfile(label: string, profile: CpuProfile): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  });
  console.log(`\n${label}: CPU profile, unlock → database open, top self time of ${(total / 1e6).toFixed(1)} s:`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
}

function report(u: Upgrade): void {
  console.log(`\n${u.label}: first start after the upgrade, ${u.stored.toLocaleString('en')} candidates (load average ${load()}):`);
  console.log(`| unlock → database open (migration inside) | ${(u.toOpen / 1000).toFixed(1)} s (page marks: ${(u.openMs / 1000).toFixed(1)} s) |`);
  console.log(`| unlock → first row of the list | ${(u.toRow / 1000).toFixed(1)} s |`);
  console.log(`| longest the page took to answer meanwhile | ${u.slowest} ms |`);
  const sample = u.shown.length > 6 ? [...u.shown.slice(0, 3), `… ${u.shown.length - 6} more …`, ...u.shown.slice(-3)] : u.shown;
  console.log(`| what the page showed meanwhile (${u.shown.length} different texts) | ${sample.map((t) => JSON.stringify(t)).join(' → ')} |`);
  if (u.count !== u.stored) throw new Error(`${u.label}: the upgrade lost candidates: ${u.stored} before, ${u.count} after`);
}

const url = `http://127.0.0.1:${PORT}/app/`;
const browser = await launchBrowser();
const newContext = () => browser.browser!.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', serviceWorkers: 'block' });
const contexts: BrowserContext[] = [];
let server = await serve(OLD);
try {
  log(`load average ${load()}; old app from ${OLD}`);
  // Both stores are filled first, so the two upgrades run one after the other at a similar load.
  const runs: { root: string; label: string }[] = [
    ...(BASE ? [{ root: BASE, label: `baseline (${path.basename(path.resolve(BASE))})` }] : []),
    { root: NEW, label: `new (${path.basename(path.resolve(NEW))})` },
  ];
  const filled: { ctx: BrowserContext; stored: number }[] = [];
  for (const _ of runs) {
    const ctx = await newContext();
    contexts.push(ctx);
    filled.push({ ctx, stored: await fill(ctx) });
  }
  const results: Upgrade[] = [];
  for (const [i, run] of runs.entries()) {
    // The upgrade: the same origin now serves the app under test.
    await server.close();
    server = await serve(run.root);
    results.push(await upgrade(filled[i]!.ctx, run.label, filled[i]!.stored));
  }
  for (const r of results) report(r);
  if (results.length === 2) {
    const [base, now] = results as [Upgrade, Upgrade];
    console.log(`\nratio baseline / new: database open ${(base.toOpen / now.toOpen).toFixed(2)}×, first row ${(base.toRow / now.toRow).toFixed(2)}× (${(base.toOpen / base.stored).toFixed(1)} → ${(now.toOpen / now.stored).toFixed(2)} ms a candidate)`);
  }
} finally {
  for (const ctx of contexts) await ctx.close().catch(() => undefined);
  await browser.close().catch(() => undefined);
  await server.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
