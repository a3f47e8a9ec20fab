/**
 * bench:ui — daily case handling with many candidates in the local store, in Chromium.
 *
 * Starts the sync server (web app from dist/renderer: run `npx vite build` first), logs in as
 * anna, takes the browser offline (so nothing is pushed), fills the local store with BENCH_N
 * (default 100,000) demo candidates straight into RxDB, then times in the page:
 *   - filter + sort + group (the list's applyView) vs a naive Array.filter/localeCompare sort/group;
 *   - a search keystroke (the minisearch index) vs Array.filter over folded text of all documents;
 *   - opening a candidate's file (click → heading), vs an unindexed lookup (scan of all docs);
 *   - cold start (a new page → first row) and the JS heap, vs the same with the store nearly empty.
 * Prints p50/p95 and the ratio against each baseline. Never part of `npm test`.
 */
import { launchBrowser } from '../e2e/support/browser';
import { startTestServer } from '../sync-server/testing';
import { demoCandidates } from '../sync-server/demo/candidates';

const N = Number(process.env.BENCH_N ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
function row(name: string, ours: number[], base: number[], target: string) {
  const r = pct(base, 95) / Math.max(pct(ours, 95), 0.01);
  console.log(`${name.padEnd(30)} p50 ${fmt(pct(ours, 50)).padStart(10)}  p95 ${fmt(pct(ours, 95)).padStart(10)}  | baseline p95 ${fmt(pct(base, 95)).padStart(10)}  ratio ${r.toFixed(1)}×  (target ${target})`);
}

const server = await startTestServer({ demo: true, demoSize: 20, webRoot: 'dist/renderer' });
const browser = await launchBrowser();
try {
  const ctx = await browser.newContext();
  let page = await ctx.newPage();
  // A cold start: close the page (its connections go with it) and open the app in a new one.
  const coldStart = async (): Promise<number> => {
    await page.close();
    page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}/app/`, { waitUntil: 'commit' });
    await page.locator('tbody tr.row-link').first().waitFor({ timeout: 180_000 });
    return Date.now() - t0;
  };
  await page.goto(`${server.url}/app/`);
  await page.evaluate(() => localStorage.setItem('regiodesk.bench', '1'));
  await page.getByLabel('Gebruikersnaam').fill('anna');
  await page.getByLabel('Wachtwoord').fill('regiodesk');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.locator('tbody tr.row-link').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !!(globalThis as any).__regiodeskBench);

  // Baselines with the store nearly empty: cold start and heap.
  const coldSmall: number[] = [];
  for (let i = 0; i < 3; i++) coldSmall.push(await coldStart());
  const heapSmall = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize ?? 0);
  await ctx.setOffline(true);

  // Fill the local store: generated in Node by the demo generator, inserted in the page.
  console.log(`generating and inserting ${N.toLocaleString('en')} candidates…`);
  const tFill = Date.now();
  const CHUNK = 5000;
  const owners = ['anna', 'daan', 'carla'];
  await page.waitForFunction(() => !!(globalThis as any).__regiodeskBench);
  for (let done = 0; done < N; done += CHUNK) {
    const batch = demoCandidates('twente', Math.min(CHUNK, N - done), owners, Date.now() - done * 1000).map((c, i) => ({ ...c, id: `bench-${done + i}-${c.id.slice(-8)}` }));
    await page.evaluate(async (docs) => {
      const { db } = (globalThis as any).__regiodeskBench;
      const r = await db.candidates.bulkInsert(docs);
      if (r.error.length) throw new Error(`${r.error.length} not inserted: ${JSON.stringify(r.error[0]).slice(0, 300)}`);
    }, batch);
  }
  console.log(`filled in ${((Date.now() - tFill) / 1000).toFixed(1)} s`);

  // Cold start with everything: a new page until the first row shows.
  const coldBig: number[] = [];
  for (let i = 0; i < 3; i++) coldBig.push(await coldStart());
  await page.waitForFunction(() => !!(globalThis as any).__regiodeskBench);
  await page.waitForFunction((n) => Number(document.querySelector('#tab-all .count')?.textContent ?? 0) >= n, N, { timeout: 120_000 });

  const timings = await page.evaluate(async (runs) => {
    const { db, applyView, foldText, CandidateSearch } = (globalThis as any).__regiodeskBench;
    const t0 = performance.now();
    const docs = (await db.candidates.find().exec()).map((d: any) => d._data);
    const loadData = performance.now() - t0;
    const t1 = performance.now();
    (await db.candidates.find().exec()).map((d: any) => d.toJSON());
    const loadCopies = performance.now() - t1;
    const specs = [
      { phases: ['nieuw'], filter: { combinator: 'and', rules: [] }, sort: [{ field: 'name', dir: 'asc' }], groupBy: null },
      { phases: [], filter: { combinator: 'and', rules: [{ field: 'place', op: 'is', value: 'Enschede' }] }, sort: [{ field: 'updatedAt', dir: 'desc' }], groupBy: 'phase' },
      { phases: [], filter: { combinator: 'or', rules: [{ field: 'sectors', op: 'includes', value: ['vo'] }, { field: 'name', op: 'contains', value: 'jan' }] }, sort: [{ field: 'phase', dir: 'asc' }, { field: 'name', dir: 'asc' }], groupBy: 'owner' },
      { phases: ['matchen', 'voorbereiden'], filter: { combinator: 'and', rules: [] }, sort: [{ field: 'place', dir: 'asc' }, { field: 'name', dir: 'desc' }], groupBy: 'sectors' },
    ].map((s) => ({ ...s, columns: [], mode: 'table' }));
    const view: number[] = [];
    const naive: number[] = [];
    // warm the sort-key cache as the list does on first render
    applyView(docs, specs[0]);
    for (let i = 0; i < runs; i++) {
      const spec = specs[i % specs.length];
      let t = performance.now();
      applyView(docs, spec);
      view.push(performance.now() - t);
      t = performance.now();
      // naive: filter, localeCompare sort on computed strings, group into an object
      const rows = docs.filter((c: any) => {
        if (spec.phases.length && !spec.phases.includes(c.phase)) return false;
        const tests = spec.filter.rules.map((r: any) =>
          r.op === 'is' ? String(c[r.field] ?? '').toLowerCase() === String(r.value).toLowerCase()
          : r.op === 'includes' ? (c[r.field] ?? []).some((x: string) => r.value.includes(x))
          : `${c.firstName} ${c.lastName}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').includes(r.value));
        return tests.length === 0 || (spec.filter.combinator === 'or' ? tests.some(Boolean) : tests.every(Boolean));
      });
      rows.sort((a: any, b: any) => {
        for (const s of spec.sort) {
          const x = s.field === 'name' ? `${a.lastName} ${a.firstName}` : String(a[s.field] ?? '');
          const y = s.field === 'name' ? `${b.lastName} ${b.firstName}` : String(b[s.field] ?? '');
          const c = x.localeCompare(y, 'nl', { sensitivity: 'base' });
          if (c) return s.dir === 'desc' ? -c : c;
        }
        return 0;
      });
      if (spec.groupBy) {
        const g: Record<string, any[]> = {};
        for (const r of rows) for (const k of [].concat(r[spec.groupBy] ?? '')) (g[k] ??= []).push(r);
      }
      naive.push(performance.now() - t);
    }
    // search: index build, then keystrokes
    const search = new CandidateSearch();
    let t = performance.now();
    search.sync(docs);
    const indexBuild = performance.now() - t;
    const words = ['bulent', 'jansen', 'enschede', '7511', 'fatima', 'de vries'];
    const keys: number[] = [];
    const naiveKeys: number[] = [];
    for (const w of words) {
      for (let n = 1; n <= w.length; n++) {
        const q = w.slice(0, n);
        t = performance.now();
        search.search(q);
        keys.push(performance.now() - t);
        t = performance.now();
        const f = foldText(q);
        docs.filter((c: any) => foldText(`${c.firstName} ${c.lastName} ${c.email ?? ''} ${c.phone ?? ''} ${c.postcode ?? ''} ${c.place ?? ''}`).includes(f));
        naiveKeys.push(performance.now() - t);
      }
    }
    // file data: indexed primary-key lookup vs a scan
    const ids = docs.slice(0, runs).map((d: any) => d.id);
    const byKey: number[] = [];
    const scan: number[] = [];
    for (const id of ids) {
      t = performance.now();
      await db.candidates.findOne(id).exec();
      byKey.push(performance.now() - t);
      t = performance.now();
      docs.find((d: any) => d.id === id && d.phaseHistory);
      (await db.candidates.find({ selector: { email: docs[0].email } }).exec());
      scan.push(performance.now() - t);
    }
    return { loadData, loadCopies, view, naive, indexBuild, keys, naiveKeys, byKey, scan };
  }, RUNS);

  // Open a file through the UI: click a name, until the file's heading is there.
  const open: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 10); i++) {
    await page.locator('tbody tr.row-link').nth(i % 5).locator('a').first().waitFor();
    const ms = await page.evaluate(async (n) => {
      const link = document.querySelectorAll<HTMLAnchorElement>('tbody tr.row-link a')[n]!;
      const name = link.textContent!.trim();
      const t0 = performance.now();
      link.click();
      for (;;) {
        const h = document.querySelector('#detail-title');
        if (h && h.textContent?.trim() === name) return performance.now() - t0;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
    }, i % 5);
    open.push(ms);
    await page.getByRole('button', { name: /Terug naar de lijst/ }).first().click();
  }
  const heapBig = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize ?? 0);

  console.log(`\nbench:ui — ${N.toLocaleString('en')} candidates in the local store (Chromium, ${RUNS} runs)\n`);
  row('filter + sort + group', timings.view, timings.naive, '< 50 ms');
  row('search keystroke', timings.keys, timings.naiveKeys, '< 16 ms');
  row('file record lookup (by key)', timings.byKey, timings.scan, '—');
  row('open a file (click → heading)', open, timings.scan, '< 100 ms');
  row('cold start to first row', coldBig, coldSmall, '< 1500 ms; baseline: 20 candidates');
  console.log(`${'list data load'.padEnd(30)} ${fmt(timings.loadData)} (store's own objects) vs ${fmt(timings.loadCopies)} (toJSON copies): ratio ${(timings.loadCopies / timings.loadData).toFixed(1)}×`);
  console.log(`${'search index build'.padEnd(30)} ${fmt(timings.indexBuild)} (once, on the first search)`);
  console.log(`${'JS heap'.padEnd(30)} ${(heapBig / 2 ** 20).toFixed(0)} MB with ${N.toLocaleString('en')} vs ${(heapSmall / 2 ** 20).toFixed(0)} MB with 20 (target < 300 MB)`);
} finally {
  await browser.close();
  await server.close();
}
