/**
 * npm run bench:match — ranking for the match screens: 5,000 open vacancies for one candidate
 * and 100,000 candidates for one vacancy, p95 over repeated runs with varying targets, against
 * the obvious way measured in the same run (score every pair with its reasons, sort all).
 * The data is generated (seeded) with the real taxonomies and postcodes all over the country;
 * the pools are built once (what the screens keep in memory while the data does not change) and
 * their build time is printed too. Target: p95 < 100 ms for both.
 */
import {
  CandidatePool, FUNCTIONS, naiveRank, ROUTES, SECTORS, SUBJECTS, VacancyPool, type MatchCandidate, type MatchVacancy,
} from '../src/shared';
import { fmtMs, machine, percentile, printTable, since, type Row } from './support/measure';

const VACANCIES = Number(process.env.BENCH_MATCH_VACANCIES) || 5_000;
const CANDIDATES = Number(process.env.BENCH_MATCH_CANDIDATES) || 100_000;
const RUNS = Number(process.env.BENCH_MATCH_RUNS) || 40;
const BASELINE_RUNS = Math.max(5, Math.round(RUNS / 4));
const TODAY = '2026-11-25';

let seed = 42;
function rnd(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
function some<T>(xs: readonly T[], max: number): T[] {
  const n = Math.floor(rnd() * (max + 1));
  const out = new Set<T>();
  for (let i = 0; i < n; i++) out.add(pick(xs));
  return [...out];
}
const codes = (ts: readonly { code: string }[]) => ts.map((t) => t.code);
const postcode = () => `${1000 + Math.floor(rnd() * 9000)} AB`;

function candidate(i: number): MatchCandidate {
  return {
    id: `c${String(i).padStart(7, '0')}`,
    phase: pick(['nieuw', 'orienteren', 'voorbereiden', 'matchen', 'matchen', 'geplaatst', 'gestopt']),
    sectors: some(codes(SECTORS), 2),
    functions: some(codes(FUNCTIONS), 2),
    subjects: some(codes(SUBJECTS), 3),
    postcode: rnd() < 0.9 ? postcode() : undefined,
    preferredRoute: rnd() < 0.6 ? pick(codes(ROUTES)) : undefined,
  };
}

function vacancy(i: number): MatchVacancy {
  return {
    id: `vac-${String(i).padStart(6, '0')}`,
    status: 'open',
    sector: pick(codes(SECTORS)),
    function: pick(codes(FUNCTIONS)),
    subjects: some(codes(SUBJECTS), 2),
    routes: some(codes(ROUTES), 3),
    postcode: postcode(),
    startDate: rnd() < 0.5 ? '2027-01-05' : '2027-08-20',
  };
}

function runs(n: number, fn: (i: number) => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    times.push(since(t));
  }
  return times;
}

function main(): void {
  console.log(`bench:match on ${machine()}`);
  console.log(`${VACANCIES} open vacancies, ${CANDIDATES} candidates, ${RUNS} runs (baseline ${BASELINE_RUNS}), top 50`);
  const vacancies = Array.from({ length: VACANCIES }, (_, i) => vacancy(i));
  const candidates = Array.from({ length: CANDIDATES }, (_, i) => candidate(i));
  const targetsC = Array.from({ length: RUNS }, (_, i) => candidates[(i * 7919) % CANDIDATES]!);
  const targetsV = Array.from({ length: RUNS }, (_, i) => vacancies[(i * 104729) % VACANCIES]!);

  let t = performance.now();
  const vPool = new VacancyPool(vacancies, TODAY);
  const vBuild = since(t);
  t = performance.now();
  const cPool = new CandidatePool(candidates);
  const cBuild = since(t);

  // Warm-up (JIT), and a check that both ways agree on the top list.
  for (let i = 0; i < 3; i++) {
    const fast = cPool.rankFor(targetsV[i]!, { today: TODAY }).map((r) => r.item.id);
    const slow = naiveRank(candidates.map((c) => ({ c, v: targetsV[i]!, id: c.id })), TODAY).map((r) => r.id);
    if (fast.join() !== slow.join()) throw new Error('pool and baseline disagree on the ranking');
    vPool.rankFor(targetsC[i]!);
  }

  const fastV = runs(RUNS, (i) => vPool.rankFor(targetsC[i]!));
  const fastC = runs(RUNS, (i) => cPool.rankFor(targetsV[i]!, { today: TODAY }));
  const pairsV = (c: MatchCandidate) => vacancies.map((v) => ({ c, v, id: v.id }));
  const pairsC = (v: MatchVacancy) => candidates.map((c) => ({ c, v, id: c.id }));
  const slowV = runs(BASELINE_RUNS, (i) => naiveRank(pairsV(targetsC[i]!), TODAY));
  const slowC = runs(BASELINE_RUNS, (i) => naiveRank(pairsC(targetsV[i]!), TODAY));

  const row = (part: string, fast: number[], slow: number[]): Row => {
    const p95 = percentile(fast, 95);
    const b95 = percentile(slow, 95);
    return { part, figure: `p50 ${fast.length ? percentile(fast, 50).toFixed(1) : '-'} ms, p95 ${p95.toFixed(1)} ms`, baseline: `p95 ${b95.toFixed(1)} ms`, ratio: `${(b95 / p95).toFixed(1)}× faster`, target: 'p95 < 100 ms', met: p95 < 100 };
  };
  const rows = [row(`${VACANCIES} vacancies for one candidate`, fastV, slowV), row(`${CANDIDATES} candidates for one vacancy`, fastC, slowC)];
  printTable(rows);
  console.log(`pool build (once per data change): vacancies ${fmtMs(vBuild)}, candidates ${fmtMs(cBuild)}`);
  if (rows.some((r) => !r.met)) process.exitCode = 1;
}

main();
