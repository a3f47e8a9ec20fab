import { benchIntakeServer } from './intake-server';

/** `npm run bench:intake`: website intake throughput (and, when built, event-mode save times). */
const f = (n: number, d = 1) => n.toFixed(d);

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_INTAKE_N) || 5000;
  const parallel = Number(process.env.BENCH_INTAKE_PARALLEL) || 32;
  console.log(`Website intake on loopback: ${total} submissions, ${parallel} in flight`);
  const r = await benchIntakeServer(total, parallel);
  const row = (name: string, x: typeof r.intake, stored: number) =>
    console.log(`  ${name.padEnd(34)} ${f(x.perSecond, 0).padStart(6)}/s  p50 ${f(x.p50)} ms  p99 ${f(x.p99)} ms  accepted ${x.accepted}  failed ${x.failed}  stored ${stored}`);
  row('baseline: POST /region-<r> (auth)', r.baseline, r.storedBaseline);
  row('POST /intake/<region>', r.intake, r.storedIntake);
  console.log(`  ratio intake/baseline throughput: ${f(r.intake.perSecond / r.baseline.perSecond, 2)}x`);
  const ok = r.intake.perSecond >= 1000 && r.intake.p99 < 50 && r.storedIntake === r.intake.accepted && r.intake.failed === 0;
  console.log(`  target (>= 1000/s, p99 < 50 ms, none lost): ${ok ? 'met' : 'NOT met'}`);
  const { benchEventMode } = await import('./event-mode').catch(() => ({ benchEventMode: null }));
  if (benchEventMode) await benchEventMode();
  process.exitCode = ok ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
