/**
 * tsx bench/indexes-upgrade.ts (with the two builds below) — the first start after
 * the index change, in Chromium: how long the schema migration of a filled local store takes and
 * what the page shows meanwhile. Not a test; one run, figures printed.
 *
 * Needs two renderer builds: BENCH_OLD_WEB_ROOT (the app before the change, e.g.
 *   git archive 3ca8753 | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/ &&
 *   (cd /tmp/old && REGIODESK_RENDERER_OUT=/tmp/old-renderer npx vite build))
 * and BENCH_NEW_WEB_ROOT (today's; REGIODESK_RENDERER_OUT=/tmp/new-renderer npx vite build).
 * One browser context (one IndexedDB) and one server data folder on a fixed port (the origin
 * owns the IndexedDB): the old app is served, anna logs in, BENCH_N (20,000) demo candidates
 * are put into her local store (offline, so nothing syncs); the server is restarted serving the
 * new app; a new page opens and is unlocked: timed until the database is open (the migration
 * runs inside it) and until the list's first row shows. While it runs, the page is asked for
 * the time every 100 ms: the longest answer tells whether it froze.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { startServer } from '../sync-server/server';
import { withDefaults } from '../sync-server/config';
import { TEST_ADMIN_PASSWORD } from '../sync-server/testing';
import { demoCandidates } from '../sync-server/demo/candidates';

const N = Number(process.env.BENCH_N ?? 20_000);
const PORT = Number(process.env.BENCH_UPGRADE_PORT ?? 47393);
const OLD = process.env.BENCH_OLD_WEB_ROOT;
const NEW = process.env.BENCH_NEW_WEB_ROOT;
const CHUNK = 2000;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const log = (s: string) => console.log(`[bench:indexes upgrade] ${s}`);

if (!OLD || !NEW) {
  console.error('Set BENCH_OLD_WEB_ROOT and BENCH_NEW_WEB_ROOT to the two renderer builds (see the top of bench/indexes-upgrade.ts).');
  process.exit(2);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'regiodesk-bench-upgrade-'));
const serve = (webRoot: string) =>
  startServer(withDefaults({ dataDir, host: '127.0.0.1', port: PORT, demo: true, demoSize: 20, adminPassword: TEST_ADMIN_PASSWORD, webRoot: path.resolve(webRoot) }));

const browser = await launchBrowser();
const ctx = await browser.browser!.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', serviceWorkers: 'block' });
let server = await serve(OLD);
const url = `http://127.0.0.1:${PORT}/app/`;
try {
  log(`load average ${load()}; old app from ${OLD}`);
  let page: Page = await ctx.newPage();
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

  // The upgrade: the same origin now serves the new app.
  await server.close();
  server = await serve(NEW);
  const fresh = await ctx.newPage();
  await page.close();
  page = fresh;
  await page.goto(url);
  const unlock = page.getByRole('button', { name: 'Ontgrendelen' });
  await unlock.waitFor({ timeout: 120_000 });
  await page.getByLabel('Wachtwoord').fill('regiodesk');
  log(`new app: unlocking (load average ${load()})`);
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
  await page.waitForFunction(() => performance.getEntriesByName('regiodesk:db:opened').length > 0, null, { timeout: 900_000, polling: 100 });
  const toOpen = Date.now() - t0;
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
  log(`new app (candidate schema v${after.version}): ${after.count.toLocaleString('en')} candidates after the upgrade`);
  console.log(`\nfirst start after the upgrade, ${stored.toLocaleString('en')} candidates (load average ${load()}):`);
  console.log(`| unlock → database open (migration inside) | ${(toOpen / 1000).toFixed(1)} s (page marks: ${(after.openMs / 1000).toFixed(1)} s) |`);
  console.log(`| unlock → first row of the list | ${(toRow / 1000).toFixed(1)} s |`);
  console.log(`| longest the page took to answer meanwhile | ${slowest} ms |`);
  const shown = [...seen];
  const sample = shown.length > 6 ? [...shown.slice(0, 3), `… ${shown.length - 6} more …`, ...shown.slice(-3)] : shown;
  console.log(`| what the page showed meanwhile (${shown.length} different texts) | ${sample.map((s) => JSON.stringify(s)).join(' → ')} |`);
  if (after.count !== stored) throw new Error(`the upgrade lost candidates: ${stored} before, ${after.count} after`);
} finally {
  await ctx.close().catch(() => undefined);
  await browser.close().catch(() => undefined);
  await server.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
