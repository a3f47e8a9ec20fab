// Preloaded into the benchmark's server process (node --import): on SIGUSR2 it prints one line
// `intake-probe {json}` to stdout with the event loop's delay and the GC pauses since the last
// signal, then starts counting afresh. So the bench can say what the tail is made of (stalls of
// the main thread, garbage collection) without the server carrying any benchmark code.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
// Per kind as well: many short scavenges (young generation) and a few long mark-compacts (old
// generation) call for different cures (a larger young generation against fewer objects kept).
const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'markCompact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
};
const fresh = () => ({ count: 0, totalMs: 0, maxMs: 0, over10ms: 0, kinds: {} });
let gc = fresh();
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
    if (e.duration > 10) gc.over10ms++;
    const kind = KINDS[e.detail?.kind] ?? 'other';
    const k = (gc.kinds[kind] ??= { n: 0, ms: 0, max: 0 });
    k.n++;
    k.ms += e.duration;
    k.max = Math.max(k.max, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

// INTAKE_PROBE_PROFILE=<dir>: a V8 CPU profile per window between two signals (window-<n>.cpuprofile),
// so a run's profile holds the run only, not the start-up, the warm-up or the counting after it.
const profileDir = process.env.INTAKE_PROBE_PROFILE;
let session = null;
let windowNo = 0;
function nextProfile() {
  if (!profileDir) return;
  if (!session) {
    session = new Session();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 200 });
  } else {
    const n = windowNo;
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(join(profileDir, `window-${n}.cpuprofile`), JSON.stringify(res.profile));
    });
  }
  windowNo++;
  session.post('Profiler.start');
}

process.on('SIGUSR2', () => {
  nextProfile();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const out = {
    loopP50: ms(loop.percentile(50)),
    loopP99: ms(loop.percentile(99)),
    loopMax: ms(loop.max),
    gcCount: gc.count,
    gcTotalMs: Math.round(gc.totalMs),
    gcMaxMs: Math.round(gc.maxMs * 10) / 10,
    gcOver10ms: gc.over10ms,
    gcKinds: Object.fromEntries(Object.entries(gc.kinds).map(([k, v]) => [k, { n: v.n, ms: Math.round(v.ms), max: Math.round(v.max * 10) / 10 }])),
  };
  process.stdout.write(`intake-probe ${JSON.stringify(out)}\n`);
  loop.reset();
  gc = fresh();
});
