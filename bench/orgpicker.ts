/**
 * npm run bench:orgpicker — the school-contact picker of the candidate file over the reference
 * data: 10,000 organisations (generated, seeded; DUO-like names, places and BRIN codes), every
 * keystroke of typing a school's name or BRIN code, p95 per keystroke with minisearch (the network
 * feature's index, built once per data change, timed too) against the obvious way measured in the
 * same run: normalise and substring-match every organisation's name, place and codes per
 * keystroke, sort, take 20. Target: p95 < 50 ms per keystroke (typing stays fluent).
 */
import type { Organisation } from '../src/shared';
import { indexOrganisations } from '../src/renderer/features/network/search';
import { codesOf, pickOrganisations, PICKER_LIMIT } from '../src/renderer/features/contacts/pickerSearch';
import { fmtMs, machine, percentile, printTable, since } from './support/measure';

const N = Number(process.env.BENCH_ORGPICKER_ORGS) || 10_000;
let seed = 7;
function rnd(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const PREFIX = ['Basisschool', 'OBS', 'CBS', 'Kindcentrum', 'IKC', 'Het', 'De', 'Lyceum', 'College', 'SG'];
const WORDS = ['Wiekslag', 'Kompas', 'Vlinderboom', 'Oriënt', 'Regenboog', 'Zonnebloem', 'Esch', 'Twickel', 'Bonhoeffer', 'Marnix', 'Driemaster', 'Klimop', 'Sterrenwacht', 'Ëlckerlyc', 'Noorderlicht'];
const PLACES = ['Enschede', 'Hengelo', 'Almelo', 'Oldenzaal', 'Deventer', 'Zwolle', 'Doetinchem', 'Winterswijk', 'Borne', 'Haaksbergen'];
const LETTERS = 'ABCDEFGHJKLMNPRSTVWXYZ';
const meta = { type: 'organisation' as const, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'a', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'a' };

function org(i: number): Organisation {
  const brin = `${String(10 + (i % 90)).padStart(2, '0')}${pick([...LETTERS])}${pick([...LETTERS])}`;
  return {
    ...meta, id: `duo-${brin}${String(i % 100).padStart(2, '0')}-${i}`, name: `${pick(PREFIX)} ${pick(WORDS)} ${i % 7 === 0 ? pick(WORDS) : ''}`.trim(),
    kind: 'school', source: 'duo', brin, vestiging: String(i % 100).padStart(2, '0'), place: pick(PLACES), region: 'reference', ...(rnd() < 0.05 ? { closed: true } : {}),
  };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** The obvious way: every word of the query is a substring of the organisation's text. */
function naive(orgs: readonly Organisation[], query: string): Organisation[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return orgs
    .filter((o) => {
      const text = fold(`${o.name} ${o.place ?? ''} ${codesOf(o).replace(/\s/g, '')}`);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => Number(!!a.closed) - Number(!!b.closed) || a.name.localeCompare(b.name, 'nl'))
    .slice(0, PICKER_LIMIT);
}

/** What an advisor types, one keystroke at a time. */
function keystrokes(orgs: readonly Organisation[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < 12; k++) {
    const o = orgs[(k * 7919) % orgs.length]!;
    const typed = k % 3 === 0 ? `${o.brin}${o.vestiging}` : k % 3 === 1 ? o.name.toLowerCase() : `${o.name.split(' ')[1]} ${o.place}`;
    for (let n = 1; n <= typed.length; n++) out.push(typed.slice(0, n));
  }
  return out;
}

function main(): void {
  console.log(`bench:orgpicker on ${machine()}`);
  const orgs = Array.from({ length: N }, (_, i) => org(i));
  const queries = keystrokes(orgs);
  console.log(`${N} organisations, ${queries.length} keystrokes, at most ${PICKER_LIMIT} results`);
  let t = performance.now();
  const index = indexOrganisations(orgs);
  const build = since(t);
  for (const q of queries.slice(0, 20)) pickOrganisations(orgs, index, q, 'twente'); // warm-up (JIT)
  const fast: number[] = [];
  const slow: number[] = [];
  let found = 0;
  for (const q of queries) {
    t = performance.now();
    const r = pickOrganisations(orgs, index, q, 'twente');
    fast.push(since(t));
    if (r.length) found++;
    t = performance.now();
    naive(orgs, q);
    slow.push(since(t));
  }
  const p95 = percentile(fast, 95);
  const b95 = percentile(slow, 95);
  printTable([
    {
      part: `one keystroke over ${N} organisations`, figure: `p50 ${percentile(fast, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
      baseline: `p95 ${b95.toFixed(1)} ms (substring scan)`, ratio: b95 >= p95 ? `${(b95 / p95).toFixed(1)}× faster` : `${(p95 / b95).toFixed(1)}× slower`, target: 'p95 < 50 ms', met: p95 < 50,
    },
  ]);
  console.log(`index build (once per data change, on the picker's first search): ${fmtMs(build)}; keystrokes with results: ${found} of ${queries.length}`);
  if (p95 >= 50) process.exitCode = 1;
}

main();
