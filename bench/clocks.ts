/**
 * bench:clocks — what the compact field clocks (src/shared/sync/field-clocks.ts) save, in Node,
 * against the full maps from before (one clock per field, every clock by name; the test-only
 * reference src/shared/sync/field-merge.full-map.ts) in the same run, on BENCH_N (default
 * 100,000) demo candidates stamped as the app stamps a creation:
 *  - bytes of JSON per stored candidate (the value IndexedDB writes, the body a sync page carries);
 *  - JSON.parse of all of them (a sync page's parse) and the heap they hold once parsed;
 *  - stamping the creations and an edit of one field each (the import's and the hooks' work);
 *  - merging each with a colleague's edit (the conflict handler).
 * Each timing is the median of BENCH_ROUNDS (default 5) alternating rounds.
 */
import { demoCandidates } from '../sync-server/demo/candidates';
import { Hlc, mergeWithClocks, stampFields } from '../src/shared';
import { mergeWithClocksFullMap, stampFieldsFullMap } from '../src/shared/sync/field-merge.full-map';
import { fmtMs, machine, percentile, printTable, type Row } from './support/measure';

type Doc = Record<string, unknown>;
const N = Number(process.env.BENCH_N ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

console.log(`bench:clocks, ${N.toLocaleString('en')} demo candidates, ${ROUNDS} rounds; ${machine()}`);
const bodies = demoCandidates('twente', N, ['anna']) as unknown as Doc[];
const clock = new Hlc('bench');
const tick = () => clock.tick();

const ways = {
  compact: { stamp: stampFields, merge: mergeWithClocks },
  full: { stamp: stampFieldsFullMap, merge: mergeWithClocksFullMap },
};
type Way = keyof typeof ways;

const created: Record<Way, Doc[]> = {
  compact: bodies.map((b) => stampFields(undefined, b, tick)),
  full: bodies.map((b) => stampFieldsFullMap(undefined, b, tick)),
};
const texts: Record<Way, string[]> = { compact: created.compact.map((d) => JSON.stringify(d)), full: created.full.map((d) => JSON.stringify(d)) };
const bytes = (xs: string[]) => xs.reduce((n, s) => n + Buffer.byteLength(s), 0) / xs.length;
const clockBytes = (ds: Doc[]) => ds.reduce((n, d) => n + JSON.stringify(d.fieldClocks).length, 0) / ds.length;
const noClocks = bytes(bodies.map((b) => JSON.stringify(b)));

function time(fn: (way: Way) => void): Record<Way, number> {
  const out: Record<Way, number[]> = { compact: [], full: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const way of (r % 2 ? ['full', 'compact'] : ['compact', 'full']) as Way[]) {
      const t = performance.now();
      fn(way);
      out[way].push(performance.now() - t);
    }
  }
  return { compact: percentile(out.compact, 50), full: percentile(out.full, 50) };
}

let sink = 0;
const parse = time((way) => {
  for (const s of texts[way]) sink += (JSON.parse(s) as Doc).id ? 1 : 0;
});

const gc = (globalThis as { gc?: () => void }).gc;
function heldMb(way: Way): number | null {
  if (!gc) return null;
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = texts[way].map((s) => JSON.parse(s) as Doc);
  gc();
  const mb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  sink += held.length;
  return mb;
}
const heap = { compact: heldMb('compact'), full: heldMb('full') };

const stamp = time((way) => {
  const s = ways[way].stamp;
  for (const b of bodies) sink += s(undefined, b, tick) ? 1 : 0;
});
const edit = time((way) => {
  const s = ways[way].stamp;
  for (const d of created[way]) sink += s(d, { ...d, place: 'Almelo', updatedAt: 'z' }, tick) ? 1 : 0;
});
// A colleague's edit of another field, merged against the state both last agreed on.
const theirs: Record<Way, Doc[]> = {
  compact: created.compact.map((d) => stampFields(d, { ...d, motivation: 'Wil lesgeven.', updatedAt: 'y' }, tick)),
  full: created.full.map((d) => stampFieldsFullMap(d, { ...d, motivation: 'Wil lesgeven.', updatedAt: 'y' }, tick)),
};
const mine: Record<Way, Doc[]> = {
  compact: created.compact.map((d) => stampFields(d, { ...d, place: 'Almelo', updatedAt: 'z' }, tick)),
  full: created.full.map((d) => stampFieldsFullMap(d, { ...d, place: 'Almelo', updatedAt: 'z' }, tick)),
};
const merge = time((way) => {
  const m = ways[way].merge;
  for (let i = 0; i < N; i++) sink += m(created[way][i], mine[way][i]!, theirs[way][i]!).conflicts.length;
});

const ratio = (full: number, compact: number) => `${(full / compact).toFixed(2)}×`;
const rows: Row[] = [
  { part: 'stored candidate (JSON bytes)', figure: `${bytes(texts.compact).toFixed(0)} B (clocks ${clockBytes(created.compact).toFixed(0)} B)`, baseline: `${bytes(texts.full).toFixed(0)} B (clocks ${clockBytes(created.full).toFixed(0)} B); no clocks ${noClocks.toFixed(0)} B`, ratio: ratio(bytes(texts.full), bytes(texts.compact)), target: 'smaller', met: bytes(texts.compact) < bytes(texts.full) },
  { part: `JSON.parse of ${N.toLocaleString('en')}`, figure: fmtMs(parse.compact), baseline: fmtMs(parse.full), ratio: ratio(parse.full, parse.compact), target: '–', met: null },
  { part: `heap held by ${N.toLocaleString('en')} parsed`, figure: heap.compact === null ? 'run with --expose-gc' : `${heap.compact.toFixed(0)} MB`, baseline: heap.full === null ? '–' : `${heap.full.toFixed(0)} MB`, ratio: heap.compact && heap.full ? ratio(heap.full, heap.compact) : '–', target: '–', met: null },
  { part: `stamp ${N.toLocaleString('en')} creations`, figure: fmtMs(stamp.compact), baseline: fmtMs(stamp.full), ratio: ratio(stamp.full, stamp.compact), target: '–', met: null },
  { part: `stamp ${N.toLocaleString('en')} edits of one field`, figure: fmtMs(edit.compact), baseline: fmtMs(edit.full), ratio: ratio(edit.full, edit.compact), target: '–', met: null },
  { part: `merge ${N.toLocaleString('en')} (two fields, one each side)`, figure: fmtMs(merge.compact), baseline: fmtMs(merge.full), ratio: ratio(merge.full, merge.compact), target: '–', met: null },
];
console.log('figure = compact clocks (this build); baseline = full maps, one clock per field (before), same run; ratio = baseline / figure');
printTable(rows);
console.log(`one stored candidate, compact: ${texts.compact[0]}`);
if (sink < 0) console.log(sink);
