import { mkdtemp, open, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { IntakeJournal } from '../sync-server/intake/journal';
import { submission } from './intake-server';

/**
 * `npx tsx bench/intake-journal.ts`: the intake journal's batch write (sync-server/intake/journal.ts)
 * into a preallocated file against a file that grows with each write (the journal before), each
 * time right after another file was left with BENCH_JOURNAL_DIRTY_MB (64) of unsynced data, as a
 * server's start, its demo data and the store's writes leave it. A write that makes a file longer
 * waits for the file system's journal commit, and in ext4's ordered mode that commit waits for
 * such data; a write into blocks already written does not. BENCH_JOURNAL_ROUNDS (3) rounds of
 * BENCH_JOURNAL_WRITES (300) one-submission batches at about 1 per ms, the two kinds interleaved;
 * prints p50/p99/max per round and over all, and the ratio preallocated / growing.
 */
const rounds = Number(process.env.BENCH_JOURNAL_ROUNDS) || 3;
const writes = Number(process.env.BENCH_JOURNAL_WRITES) || 300;
const dirtyMb = Number(process.env.BENCH_JOURNAL_DIRTY_MB ?? 64);
const f = (n: number) => n.toFixed(2);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function dirty(file: string): Promise<void> {
  const fh = await open(file, 'w');
  const mb = new Uint8Array(1 << 20).fill(100);
  for (let i = 0; i < dirtyMb; i++) await fh.write(mb);
  await fh.close(); // no sync: left for the kernel's writeback and the next journal commit
}

async function run(preallocate: boolean): Promise<number[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'regiodesk-journal-bench-'));
  try {
    const journal = new IntakeJournal(path.join(dir, 'j', 'twente.ndjson'), 4 * 1024 * 1024, preallocate);
    await journal.prepare();
    await journal.done(await journal.append([{ _id: 'first', ...submission(0) }])); // the file exists (and, preallocated, is in place)
    await dirty(path.join(dir, 'dirty.bin'));
    const lat: number[] = [];
    for (let i = 0; i < writes; i++) {
      const t = performance.now();
      await journal.append([{ _id: `s${i}`, ...submission(i) }]); // kept open, as under steady load
      lat.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 1));
    }
    await journal.close();
    return lat;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Intake journal write after ${dirtyMb} MB of unsynced data elsewhere (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  const all = { growing: [] as number[], preallocated: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    for (const kind of ['growing', 'preallocated'] as const) {
      const lat = await run(kind === 'preallocated');
      all[kind].push(...lat);
      console.log(`  round ${r + 1} ${kind.padEnd(12)} p50 ${f(pct(lat, 50))}  p99 ${f(pct(lat, 99))}  max ${f(Math.max(...lat))} ms`);
    }
  }
  for (const kind of ['growing', 'preallocated'] as const) console.log(`  all     ${kind.padEnd(12)} p50 ${f(pct(all[kind], 50))}  p99 ${f(pct(all[kind], 99))}  max ${f(Math.max(...all[kind]))} ms`);
  console.log(
    `  ratio preallocated / growing: p50 ${f(pct(all.preallocated, 50) / pct(all.growing, 50))}x, p99 ${f(pct(all.preallocated, 99) / pct(all.growing, 99))}x (load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')})`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
