import { loadavg } from 'node:os';
import { benchIntakeServer, type Measured } from './intake-server';

/**
 * `npm run bench:intake`: website intake throughput (and, when built, event-mode save times).
 *   BENCH_INTAKE_N=5000 BENCH_INTAKE_PARALLEL=32   size of the run
 *   BENCH_INTAKE_COMPARE=<checkout>               also run that checkout's server (e.g. the previous commit) first
 *   BENCH_INTAKE_ONLY=1                           skip the authenticated baseline and event mode
 *   BENCH_PROFILE=<dir>                           V8 CPU profile of the server
 * Server CPU per submission (main thread / other threads) is the figure to compare on a busy
 * machine: throughput and latency also depend on what else runs.
 */
const f = (n: number, d = 1) => n.toFixed(d);

function row(name: string, x: Measured): void {
  console.log(
    `  ${name.padEnd(36)} ${f(x.perSecond, 0).padStart(5)}/s  p50 ${f(x.p50)}  p95 ${f(x.p95)}  p99 ${f(x.p99)}  max ${f(x.max, 0)} ms` +
      `  | cpu/sub main ${f(x.cpuMain, 2)} ms, pool ${f(x.cpuPool, 2)} ms  | accepted ${x.accepted}  failed ${x.failed}  stored ${x.stored}  lost ${x.accepted - x.stored}`,
  );
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_INTAKE_N) || 5000;
  const parallel = Number(process.env.BENCH_INTAKE_PARALLEL) || 32;
  const only = !!process.env.BENCH_INTAKE_ONLY;
  const compareRoot = process.env.BENCH_INTAKE_COMPARE || undefined;
  console.log(`Website intake on loopback: ${total} submissions, ${parallel} in flight (load average ${loadavg().map((l) => f(l, 2)).join(' ')})`);
  const r = await benchIntakeServer(total, parallel, { compareRoot, baseline: !only });
  if (r.compare) row(`compare: ${compareRoot}`.slice(0, 36), r.compare);
  if (r.baseline) row('baseline: POST /region-<r> (auth)', r.baseline);
  row('POST /intake/<region>', r.intake);
  if (r.baseline) console.log(`  ratio intake/baseline throughput: ${f(r.intake.perSecond / r.baseline.perSecond, 2)}x`);
  if (r.compare) {
    console.log(
      `  ratio this/compare: throughput ${f(r.intake.perSecond / r.compare.perSecond, 2)}x, p99 ${f(r.intake.p99 / r.compare.p99, 2)}x, ` +
        `server cpu per submission ${f((r.intake.cpuMain + r.intake.cpuPool) / (r.compare.cpuMain + r.compare.cpuPool), 2)}x`,
    );
  }
  const lost = r.intake.accepted - r.intake.stored;
  const ok = r.intake.perSecond >= 1000 && r.intake.p99 < 50 && lost === 0 && r.intake.failed === 0;
  console.log(`  target (>= 1000/s, p99 < 50 ms, none lost): ${ok ? 'met' : 'NOT met'} (load average now ${loadavg().map((l) => f(l, 2)).join(' ')})`);
  if (!only) {
    const { benchEventMode } = await import('./event-mode').catch(() => ({ benchEventMode: null }));
    if (benchEventMode) await benchEventMode();
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
