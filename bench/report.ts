/**
 * npm run bench:report — the quarterly report and the server's figures.
 * 1. Report model and PDF for REPORT_BENCH_N (default 100,000) generated candidates, against a
 *    plain full recount (aggregateFigures) of the same list in the same run. Target: PDF under 3 s.
 * 2. GET /_regiodesk/figures on a real server with REPORT_BENCH_SERVER_N (default 10,000)
 *    candidates: the first request (scans every region) against repeated ones (cached by
 *    update_seq), and one after a single write (rescans that region only).
 */
import { performance } from 'node:perf_hooks';
import { aggregateFigures, newCandidate, PHASES, SECTORS, FUNCTIONS } from '../src/shared';
import { quarterReport, type ReportCandidate } from '../src/shared/report/compute';
import { reportPdf } from '../src/shared/report/pdf';
import { lastClosedQuarter } from '../src/shared/report/quarter';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD } from '../sync-server/testing';

const N = Number(process.env.REPORT_BENCH_N ?? 100_000);
const SERVER_N = Number(process.env.REPORT_BENCH_SERVER_N ?? 10_000);
const DAY = 86_400_000;

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const phases = PHASES.map((p) => p.code);

function candidate(i: number, now: number): ReportCandidate & { subjects: string[]; source: string } {
  const created = now - Math.floor(rnd() * 700) * DAY;
  let at = created;
  let phase: string = 'nieuw';
  const phaseHistory: { from?: string; to: string; at: string }[] = [{ to: phase, at: new Date(at).toISOString() }];
  for (let s = Math.floor(rnd() * 4); s > 0 && at < now; s--) {
    at += Math.floor(rnd() * 90 + 1) * DAY;
    const to = pick(phases);
    phaseHistory.push({ from: phase, to, at: new Date(Math.min(at, now)).toISOString() });
    phase = to;
  }
  return { id: `c${i}`, phase, createdAt: new Date(created).toISOString(), sectors: [pick(SECTORS).code], functions: [pick(FUNCTIONS).code], subjects: [], source: 'manual', phaseHistory };
}

const time = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function reportPart(): Promise<void> {
  const now = Date.now();
  const list = Array.from({ length: N }, (_, i) => candidate(i, now));
  const quarter = lastClosedQuarter();
  const [, recount] = await time(() => aggregateFigures(list));
  const [report, model] = await time(() => quarterReport(list, quarter, { scope: 'region', id: 'twente', name: 'Twente', regions: ['twente'] }));
  const [pdf, render] = await time(() => reportPdf(report));
  console.log(`report: ${N.toLocaleString('en')} candidates, quarter ${quarter}`);
  console.log(`  baseline full recount (aggregateFigures)   ${ms(recount)}`);
  console.log(`  report model, 3 quarters (quarterReport)   ${ms(model)}   ratio ${(model / recount).toFixed(1)}x the recount`);
  console.log(`  PDF (${(pdf.byteLength / 1024).toFixed(0)} kB, jsPDF)                          ${ms(render)}`);
  console.log(`  model + PDF                                ${ms(model + render)}   target < 3000 ms: ${model + render < 3000 ? 'met' : 'MISSED'}`);
}

async function serverPart(): Promise<void> {
  const server = await startTestServer();
  const auth = basicAuth('admin', TEST_ADMIN_PASSWORD);
  const call = (method: string, p: string, body?: unknown) =>
    fetch(server.url + p, { method, headers: { Authorization: auth, 'Content-Type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  try {
    const now = new Date().toISOString();
    for (const code of ['twente', 'zwolle']) await call('POST', '/_regiodesk/admin/regions', { code, name: code });
    const doc = (i: number, region: string) => {
      const { id, ...c } = newCandidate({ firstName: 'B', lastName: `N${i}`, regions: [region], ownerRegion: region, owner: 'admin', sectors: ['po'] }, { id: `${region}-${i}`, user: 'admin', now });
      return { _id: id, ...c };
    };
    for (const region of ['twente', 'zwolle']) {
      for (let i = 0; i < SERVER_N / 2; i += 1000) {
        const docs = Array.from({ length: Math.min(1000, SERVER_N / 2 - i) }, (_, j) => doc(i + j, region));
        await (await call('POST', `/region-${region}/_bulk_docs`, { docs })).text();
      }
    }
    const get = async () => (await call('GET', '/_regiodesk/figures')).json() as Promise<{ scopes: { id: string; figures: { total: number | null } }[] }>;
    const [first, cold] = await time(get);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push((await time(get))[1]);
    await (await call('POST', '/region-twente/_bulk_docs', { docs: [doc(SERVER_N + 1, 'twente')] })).text();
    const [, afterWrite] = await time(get);
    const median = [...warm].sort((a, b) => a - b)[2]!;
    console.log(`figures: ${SERVER_N.toLocaleString('en')} candidates in 2 regions (country total ${first.scopes.find((s) => s.id === 'nl')!.figures.total})`);
    console.log(`  baseline first request (scans every region)  ${ms(cold)}`);
    console.log(`  repeated request (cached by update_seq)      ${ms(median)}   ratio ${(median / cold).toFixed(3)} of the baseline`);
    console.log(`  after one write to one region (rescans it)   ${ms(afterWrite)}   ratio ${(afterWrite / cold).toFixed(2)} of the baseline`);
  } finally {
    await server.close();
  }
}

await reportPart();
if (SERVER_N > 0) await serverPart();
