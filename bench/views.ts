/**
 * bench:views — the list's filter + sort + group (applyView) over BENCH_N (default 100,000) demo
 * candidates in Node, as plain objects shaped as the list's candidate cache holds them.
 *
 * Times, in the same run, for the specs bench:ui cycles through plus a few more (text contains,
 * date within days, group by place / sectors):
 *   - the engine (src/shared/views: column store, counting sorts on integer ranks);
 *   - the engine as it was before (bench/views-v1-engine.ts: per-document WeakMap of string sort
 *     keys, decorate-sort-undecorate);
 *   - the naive baseline of bench:ui (Array.filter, localeCompare sort, group into an object).
 * Prints p50/p95 per spec and over all, the ratio to each baseline, the first view (columns being
 * built), a view after one document changed (a new array, as the list gets), and the heap each
 * engine's caches add after a GC. Checks that both engines give the same rows and groups.
 *
 *   npm run bench:views     (BENCH_N; BENCH_RUNS default 25 per spec; BENCH_BASE_RUNS default 5 of the baselines)
 */
import { loadavg } from 'node:os';
import { applyView, type ViewSpec } from '../src/shared/views';
import type { Candidate } from '../src/shared';
import { demoCandidates } from '../sync-server/demo/candidates';
import { applyView as applyViewV1 } from './views-v1-engine';

const N = Number(process.env.BENCH_N ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
// The baselines take up to seconds a view: fewer runs of them (their p95 is then close to their max).
const BASE_RUNS = Number(process.env.BENCH_BASE_RUNS ?? 5);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  if (gc) for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 1e6;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);

console.log(`bench:views — ${N.toLocaleString('en')} candidates, ${RUNS} runs per spec, node ${process.version}, load ${load()}${gc ? '' : ' (no --expose-gc: heap figures are rough)'}`);

// The candidates as bench:ui fills the store: the demo generator in chunks of 10,000.
const owners = ['anna', 'daan', 'carla'];
const docs: Candidate[] = [];
const tGen = Date.now();
for (let done = 0; done < N; done += 10_000) {
  const batch = demoCandidates('twente', Math.min(10_000, N - done), owners, Date.now() - done * 1000);
  batch.forEach((c, i) => docs.push(Object.freeze({ ...c, id: `bench-${done + i}-${c.id.slice(-8)}` })));
}
console.log(`generated in ${((Date.now() - tGen) / 1000).toFixed(1)} s; first views…`);

const spec = (s: Partial<ViewSpec>): ViewSpec => ({
  phases: [], filter: { combinator: 'and', rules: [] }, sort: [{ field: 'name', dir: 'asc' }], groupBy: null, columns: [], mode: 'table', ...s,
});
const SPECS: [string, ViewSpec][] = [
  // the four of bench:ui
  ['phase nieuw, name', spec({ phases: ['nieuw'] })],
  ['place is Enschede, updated desc, group phase', spec({ filter: { combinator: 'and', rules: [{ field: 'place', op: 'is', value: 'Enschede' }] }, sort: [{ field: 'updatedAt', dir: 'desc' }], groupBy: 'phase' })],
  ['vo or name~jan, phase+name, group owner', spec({ filter: { combinator: 'or', rules: [{ field: 'sectors', op: 'includes', value: ['vo'] }, { field: 'name', op: 'contains', value: 'jan' }] }, sort: [{ field: 'phase', dir: 'asc' }, { field: 'name', dir: 'asc' }], groupBy: 'owner' })],
  ['2 phases, place asc + name desc, group sectors', spec({ phases: ['matchen', 'voorbereiden'], sort: [{ field: 'place', dir: 'asc' }, { field: 'name', dir: 'desc' }], groupBy: 'sectors' })],
  // more
  ['email contains "de", name', spec({ filter: { combinator: 'and', rules: [{ field: 'email', op: 'contains', value: 'de' }] } })],
  ['updated within 30 days, updated desc', spec({ filter: { combinator: 'and', rules: [{ field: 'updatedAt', op: 'withinDays', value: '30' }] }, sort: [{ field: 'updatedAt', dir: 'desc' }] })],
  ['all, name, group place', spec({ groupBy: 'place' })],
  ['all, place+created desc, group sectors', spec({ sort: [{ field: 'place', dir: 'asc' }, { field: 'createdAt', dir: 'desc' }], groupBy: 'sectors' })],
];

/** bench:ui's naive baseline: filter, localeCompare sort on computed strings, group into an object. */
function naive(all: readonly Candidate[], s: ViewSpec): void {
  const rows = all.filter((c: any) => {
    if (s.phases.length && !s.phases.includes(c.phase)) return false;
    const tests = s.filter.rules.map((r: any) =>
      r.op === 'is' ? String(c[r.field] ?? '').toLowerCase() === String(r.value).toLowerCase()
      : r.op === 'includes' ? (c[r.field] ?? []).some((x: string) => r.value.includes(x))
      : r.op === 'withinDays' ? String(c[r.field] ?? '') >= new Date(Date.now() - Number(r.value) * 86_400_000).toISOString()
      : `${r.field === 'name' ? `${c.firstName} ${c.lastName}` : c[r.field] ?? ''}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').includes(r.value));
    return tests.length === 0 || (s.filter.combinator === 'or' ? tests.some(Boolean) : tests.every(Boolean));
  });
  rows.sort((a: any, b: any) => {
    for (const k of s.sort) {
      const x = k.field === 'name' ? `${a.lastName} ${a.firstName}` : String(a[k.field] ?? '');
      const y = k.field === 'name' ? `${b.lastName} ${b.firstName}` : String(b[k.field] ?? '');
      const c = x.localeCompare(y, 'nl', { sensitivity: 'base' });
      if (c) return k.dir === 'desc' ? -c : c;
    }
    return 0;
  });
  if (s.groupBy) {
    const g: Record<string, any[]> = {};
    for (const r of rows as any[]) for (const k of ([] as string[]).concat(r[s.groupBy] ?? '')) (g[k] ??= []).push(r);
  }
}

const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const now = Date.now();
const heapDocs = heapMB();

// First views: the column store is empty, so these read and rank every field they use.
const first = SPECS.map(([, s]) => time(() => applyView(docs, s, now)));
const heapNew = heapMB();
const firstV1 = SPECS.map(([, s]) => time(() => applyViewV1(docs, s, now)));
const heapBoth = heapMB();

// Same results: every spec's rows and groups, engine against the engine before.
const sig = (r: { rows: Candidate[]; groups: { key: string; rows: Candidate[] }[] | null }) =>
  JSON.stringify([r.rows.map((c) => c.id), r.groups?.map((g) => [g.key, g.rows.map((c) => c.id)]) ?? null]);
const same = SPECS.every(([, s]) => sig(applyView(docs, s, now)) === sig(applyViewV1(docs, s, now)));

const ours: number[][] = SPECS.map(() => []);
const v1: number[][] = SPECS.map(() => []);
const base: number[][] = SPECS.map(() => []);
for (let i = 0; i < RUNS; i++) {
  SPECS.forEach(([, s], j) => {
    ours[j]!.push(time(() => applyView(docs, s, now)));
    if (i >= BASE_RUNS) return;
    v1[j]!.push(time(() => applyViewV1(docs, s, now)));
    base[j]!.push(time(() => naive(docs, s)));
  });
  process.stdout.write(`\r  round ${i + 1} / ${RUNS}`);
}
process.stdout.write('\n');

// One document changed: the list gets a new array with one new object in it.
const changed: number[] = [];
let current: readonly Candidate[] = docs;
for (let i = 0; i < 10; i++) {
  const k = (i * 7919) % N;
  const next = current.slice();
  next[k] = Object.freeze({ ...next[k]!, lastName: `${next[k]!.lastName}x`, place: i % 2 ? 'Nieuwdorp' : next[k]!.place, updatedAt: new Date(now - i).toISOString() });
  current = next;
  changed.push(time(() => applyView(current, SPECS[(i % 4)]![1], now)));
}

console.log(`\nsame rows and groups as the engine before: ${same ? 'yes' : 'NO'}`);
console.log(`\n${'spec'.padEnd(48)}${'p50'.padStart(10)}${'p95'.padStart(10)} | before p95  naive p95 | first view`);
SPECS.forEach(([name], j) => {
  console.log(`${name.padEnd(48)}${ms(pct(ours[j]!, 50))}${ms(pct(ours[j]!, 95))} | ${ms(pct(v1[j]!, 95))} ${ms(pct(base[j]!, 95))} | ${ms(first[j]!)} (before ${ms(firstV1[j]!).trim()})`);
});
const flat = (xs: number[][]) => xs.flat();
const all4 = (xs: number[][]) => xs.slice(0, 4).flat();
const line = (label: string, o: number[], b: number[], n: number[]) =>
  console.log(`${label.padEnd(48)}${ms(pct(o, 50))}${ms(pct(o, 95))} | ${ms(pct(b, 95))} ${ms(pct(n, 95))} | ratio ${(pct(b, 95) / pct(o, 95)).toFixed(1)}× vs before, ${(pct(n, 95) / pct(o, 95)).toFixed(1)}× vs naive (target p95 < 50 ms)`);
console.log('');
line("bench:ui's 4 specs", all4(ours), all4(v1), all4(base));
line('all specs', flat(ours), flat(v1), flat(base));
console.log(`after one document changed (new array)        p50 ${ms(pct(changed, 50))}  max ${ms(Math.max(...changed))}`);
console.log(`\nheap after GC: documents ${heapDocs.toFixed(0)} MB; the engine's caches +${(heapNew - heapDocs).toFixed(1)} MB, the engine before +${(heapBoth - heapNew).toFixed(1)} MB`);
console.log(`load ${load()}`);
