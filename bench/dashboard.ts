/**
 * bench:dashboard — the dashboard's figures over 100,000 candidates in memory (the demo
 * generator's data: phase histories, sectors, functions, subjects). Measures the first full
 * count (what the first render waits for), then single changes (a phase move) applied
 * incrementally against a full recount of everything after the same change — the baseline,
 * measured in the same run. Targets from issue #9: first render < 500 ms, update < 100 ms.
 *
 *   npm run bench:dashboard              100,000 candidates, 500 updates
 *   BENCH_CANDIDATES=20000 BENCH_UPDATES=200 npm run bench:dashboard
 */
import { performance } from 'node:perf_hooks';
import { withPhase, type Candidate } from '../src/shared/domain/candidate';
import { PHASES } from '../src/shared/taxonomy/phases';
import { aggregateFigures, FigureAggregator } from '../src/shared/figures';
import { demoCandidates } from '../sync-server/demo/candidates';

const N = Number(process.env.BENCH_CANDIDATES) || 100_000;
const UPDATES = Number(process.env.BENCH_UPDATES) || 500;
const RECOUNTS = Math.min(20, UPDATES);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;

const t0 = performance.now();
// The demo generator is slow (names, addresses): make up to 10,000 and repeat them under new ids.
const base = demoCandidates('twente', Math.min(N, 10_000), ['anna', 'daan', 'carla']);
const all: Candidate[] = Array.from({ length: N }, (_, i) => ({ ...base[i % base.length]!, id: `${base[i % base.length]!.id}-${Math.floor(i / base.length)}` }));
console.log(`${N.toLocaleString('en')} candidates generated in ${ms(performance.now() - t0)}`);

// First count: what the dashboard does when it opens (all candidates through the aggregator).
let start = performance.now();
const agg = FigureAggregator.of(all);
let figs = agg.figures();
const first = performance.now() - start;
start = performance.now();
aggregateFigures(all);
const plainCount = performance.now() - start;

// Updates: move one candidate to another phase, as an advisor or a synced change does.
let seed = 7;
const rand = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const codes = PHASES.map((p) => p.code);
const incremental: number[] = [];
const full: number[] = [];
for (let i = 0; i < UPDATES; i++) {
  const k = Math.floor(rand() * all.length);
  const old = all[k]!;
  const next = withPhase(old, codes[Math.floor(rand() * codes.length)]!, 'bench', new Date(Date.parse(old.updatedAt) + 86_400_000).toISOString());
  all[k] = next;
  start = performance.now();
  agg.apply(old, next);
  figs = agg.figures();
  incremental.push(performance.now() - start);
  if (i < RECOUNTS) {
    start = performance.now();
    FigureAggregator.of(all).figures();
    full.push(performance.now() - start);
  }
}
// The incremental figures must still be those of a full count, or the speed means nothing.
const check = FigureAggregator.of(all).figures();
if (JSON.stringify(check) !== JSON.stringify(figs)) throw new Error('incremental figures differ from a full recount');

const incP95 = pct(incremental, 95);
const fullP50 = pct(full, 50);
console.log(`first full count (dashboard figures): ${ms(first)}   target < 500 ms  ${first < 500 ? 'OK' : 'MISSED'}`);
console.log(`plain counts only (aggregateFigures):  ${ms(plainCount)}`);
console.log(`update after one change, incremental: p50 ${ms(pct(incremental, 50))}, p95 ${ms(incP95)}, max ${ms(Math.max(...incremental))} over ${UPDATES}   target < 100 ms  ${incP95 < 100 ? 'OK' : 'MISSED'}`);
console.log(`update by full recount (baseline):    p50 ${ms(fullP50)}, p95 ${ms(pct(full, 95))} over ${full.length}`);
console.log(`ratio full recount / incremental (p50): ${(fullP50 / pct(incremental, 50)).toFixed(0)}×`);
