/**
 * bench:fanout — the fan-out under load: notes written at a steady rate on candidates linked to
 * 2–4 regions; per note the time from the write to its arrival in every linked region's database.
 * Baseline in the same run: the same writes with no fan-out, measured to visibility in the
 * region written to (what a single-region setup costs). Embedded store (LevelDB), in process.
 *
 *   npm run bench:fanout                       10,000 notes at 50 writes/s (about 3½ minutes)
 *   BENCH_NOTES=2000 BENCH_RATE=100 npm run bench:fanout
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FanOut } from '../sync-server/fanout/fanout';
import { candidateDoc, noteDoc } from '../sync-server/fanout/fixtures';
import { EmbeddedStore } from '../sync-server/store/embedded';
import type { StoreDb } from '../sync-server/store/types';

const NOTES = Number(process.env.BENCH_NOTES) || 10_000;
const RATE = Number(process.env.BENCH_RATE) || 50;
const REGIONS = ['r-een', 'r-twee', 'r-drie', 'r-vier'];
const CANDIDATES = 200;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

interface Run {
  latencies: number[];
  writeSeconds: number;
  drainMs: number;
}

async function run(withFanOut: boolean): Promise<Run> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-fanout-'));
  const store = new EmbeddedStore(dir);
  const db: Record<string, StoreDb> = {};
  for (const r of REGIONS) {
    await store.create(`region-${r}`);
    db[r] = (await store.open(`region-${r}`))!;
  }
  const rnd = prng(42);
  const links: string[][] = [];
  for (let i = 0; i < CANDIDATES; i++) {
    const n = 2 + Math.floor(rnd() * 3);
    const regions = [...REGIONS].sort(() => rnd() - 0.5).slice(0, n);
    links.push(regions);
    await db[regions[0]!]!.bulkDocs([candidateDoc(`c${i}`, regions, regions[0])], true);
  }
  const fan = new FanOut(store);
  if (withFanOut) {
    await fan.start();
    await fan.idle();
  }

  // Arrival of each note in each region, from each database's changes.
  const written = new Map<string, { at: number; want: Set<string>; done?: number }>();
  const latencies: number[] = [];
  const unsubs: (() => void)[] = [];
  for (const r of REGIONS) {
    let since: number | string = await db[r]!.updateSeq();
    let busy = false;
    let again = false;
    const read = async () => {
      if (busy) return void (again = true);
      busy = true;
      do {
        again = false;
        const res = await db[r]!.changes({ since });
        since = res.last_seq;
        const now = performance.now();
        for (const c of res.results) {
          const w = written.get(String(c.id));
          if (!w || w.done !== undefined || !w.want.delete(r)) continue;
          if (w.want.size === 0) {
            w.done = now;
            latencies.push(now - w.at);
          }
        }
      } while (again);
      busy = false;
    };
    unsubs.push(db[r]!.subscribe(() => void read()));
  }

  const start = performance.now();
  for (let i = 0; i < NOTES; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    const c = Math.floor(rnd() * CANDIDATES);
    const regions = links[c]!;
    const home = regions[Math.floor(rnd() * regions.length)]!;
    const doc = noteDoc(`c${c}`, `b${i}`, home, 'shared');
    written.set(String(doc._id), { at: performance.now(), want: new Set(withFanOut ? regions : [home]) });
    void db[home]!.bulkDocs([doc], true);
  }
  const writeSeconds = (performance.now() - start) / 1000;
  const drainStart = performance.now();
  while (latencies.length < NOTES && performance.now() - drainStart < 120_000) await new Promise((r) => setTimeout(r, 20));
  const drainMs = performance.now() - drainStart;
  for (const u of unsubs) u();
  await fan.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  if (latencies.length < NOTES) console.log(`  (${NOTES - latencies.length} notes never arrived everywhere)`);
  return { latencies, writeSeconds, drainMs };
}

function report(name: string, r: Run): void {
  console.log(
    `${name.padEnd(34)} p50 ${pct(r.latencies, 50).toFixed(1)} ms  p95 ${pct(r.latencies, 95).toFixed(1)} ms  p99 ${pct(r.latencies, 99).toFixed(1)} ms  ` +
      `max ${Math.max(...r.latencies).toFixed(0)} ms  sustained ${(NOTES / r.writeSeconds).toFixed(1)} writes/s  drained ${r.drainMs.toFixed(0)} ms after the last write`,
  );
}

console.log(`bench:fanout: ${NOTES} notes at ${RATE} writes/s on ${CANDIDATES} candidates linked to 2–4 of ${REGIONS.length} regions`);
const baseline = await run(false);
report('baseline (own region, no fan-out)', baseline);
const fanned = await run(true);
report('fan-out (every linked region)', fanned);
const p95 = pct(fanned.latencies, 95);
console.log(`ratio p95 fan-out / baseline: ${(p95 / pct(baseline.latencies, 95)).toFixed(2)}×; target p95 < 1000 ms: ${p95 < 1000 ? 'met' : 'NOT met'}`);
