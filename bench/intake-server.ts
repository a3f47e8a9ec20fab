import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTAKE_CONSENT_VERSION } from '../src/shared';
import { ADMIN, regionDocs } from '../sync-server/intake/testing';
import { TEST_ADMIN_PASSWORD } from '../sync-server/testing';
import { SERVER_NODE_FLAGS } from '../scripts/server-flags.mjs';

/** CPU time a process has used so far, in ms: its main (JavaScript) thread and all its other threads (libuv pool: fsync, LevelDB). */
export interface CpuTime {
  main: number;
  pool: number;
}

const TICK_MS = 10; // Linux reports utime/stime in clock ticks of 1/100 s

async function cpuOf(pid: number): Promise<CpuTime> {
  const out = { main: 0, pool: 0 };
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
    if (Number(tid) === pid) out.main += ms;
    else out.pool += ms;
  }
  return out;
}

/** What the server's main thread went through during a run (bench/intake-probe.mjs): event-loop delay and GC pauses, in ms. */
export interface Probe {
  loopP50: number;
  loopP99: number;
  loopMax: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  gcOver10ms: number;
  /** Per kind (scavenge, markCompact, incremental, weak): pauses, ms in all, longest ms. */
  gcKinds?: Record<string, { n: number; ms: number; max: number }>;
}

/** One second of the server's own trace (REGIODESK_INTAKE_TRACE=1, sync-server/intake/trace.ts): p99 (and max) in ms per stage. */
export interface TraceSecond {
  n: number;
  body: number;
  valid: number;
  wait: number;
  waitMax: number;
  write: number;
  writeMax: number;
  after: number;
  total: number;
  totalMax: number;
  queueMax: number;
  batches: number;
  batchMax: number;
  stores: number;
  storeMax: number;
  pool: number;
  poolMax: number;
  loopMax: number;
  conns: number;
  /** Server CPU (whole process) per submission answered in that second, ms. */
  cpuPerSub: number;
  gc: number;
  gcMs: number;
}

export interface ServerProcess {
  url: string;
  /** The trace the server printed at the latest probe (REGIODESK_INTAKE_TRACE=1), or null. */
  trace(): TraceSecond[] | null;
  cpu(): Promise<CpuTime>;
  /** Event-loop delay and GC pauses since the previous call (the first call starts the count). */
  probe(): Promise<Probe | null>;
  close(): Promise<void>;
}

const PROBE = fileURLToPath(new URL('./intake-probe.mjs', import.meta.url));

/**
 * The sync server in its own process (as in production), so the load generator does not share
 * its core. `root` is the checkout whose server runs (another commit's, to compare).
 * BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there on exit (open it in Chrome DevTools).
 */
export async function startServerProcess(root = process.cwd(), env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-'));
  // BENCH_PROFILE=<dir>: the whole process's profile; BENCH_PROFILE_WINDOWS=<dir>: one profile per measured run (bench/intake-probe.mjs).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  if (process.env.BENCH_PROFILE_WINDOWS) env = { INTAKE_PROBE_PROFILE: process.env.BENCH_PROFILE_WINDOWS, ...env };
  // The server's own Node flags, as npm start and npm run sync-server give them (scripts/server-flags.mjs).
  // A variant `BENCH_INTAKE_NODE_FLAGS=` runs without them (NODE_OPTIONS cannot undo a command-line flag).
  const own = env.BENCH_INTAKE_NODE_FLAGS ?? process.env.BENCH_INTAKE_NODE_FLAGS;
  const flags = own !== undefined ? own.split(',').filter(Boolean) : SERVER_NODE_FLAGS;
  const child = spawn(process.execPath, [...flags, ...profile, '--import', PROBE, '--import', 'tsx', path.join(root, 'sync-server/main.ts')], {
    cwd: root,
    env: { ...process.env, REGIODESK_PORT: '0', REGIODESK_DATA: dataDir, REGIODESK_DEMO: '1', REGIODESK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, REGIODESK_INTAKE_PER_MINUTE: '100000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  let probeLines = '';
  let lastTrace: TraceSecond[] | null = null;
  const probeWaiters: ((p: Probe | null) => void)[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    probeLines += d.toString();
    let m: RegExpExecArray | null;
    while ((m = /intake-trace (\[[^\n]*\])\n/.exec(probeLines))) {
      probeLines = probeLines.slice(0, m.index) + probeLines.slice(m.index + m[0].length);
      lastTrace = JSON.parse(m[1]!) as TraceSecond[];
    }
    while ((m = /intake-probe (\{[^\n]*\})\n/.exec(probeLines))) {
      probeLines = probeLines.slice(m.index + m[0].length);
      probeWaiters.shift()?.(JSON.parse(m[1]!) as Probe);
    }
    if (probeLines.length > 100_000) probeLines = probeLines.slice(-1000);
  });
  return {
    url,
    cpu: () => cpuOf(child.pid!),
    trace: () => lastTrace,
    probe: () =>
      new Promise<Probe | null>((resolve) => {
        const waiter = (p: Probe | null) => {
          clearTimeout(timer);
          resolve(p);
        };
        const timer = setTimeout(() => {
          probeWaiters.splice(probeWaiters.indexOf(waiter), 1);
          resolve(null); // e.g. a compared checkout's server run without the probe
        }, 2000);
        probeWaiters.push(waiter);
        child.kill('SIGUSR2');
      }),
    async close() {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LoadFigures {
  accepted: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Open loop only: the rate offered, and how late the load generator itself sent its latest request (its own lag, ms). */
  offered?: number;
  clientLagMax?: number;
  /** Open loop only: p99 of the submissions due in each second of the run, to see where the tail sits in time. */
  p99BySecond?: number[];
  /** What the failed ones got: HTTP status or the client's error code, with counts. */
  failures: Record<string, number>;
}

/** A request that got no answer: its error code (ECONNRESET, …) in place of a status. */
const failure = (err: unknown): string => String((err as NodeJS.ErrnoException)?.code ?? 'error');

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function figures(latencies: number[], accepted: number, failures: Record<string, number>, seconds: number): LoadFigures {
  latencies.sort((a, b) => a - b);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return { failures, accepted, failed, seconds, perSecond: accepted / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies[latencies.length - 1] ?? 0 };
}

/**
 * Closed loop: `total` requests with `parallel` in flight over keep-alive connections, each
 * client sending its next one when the answer to its previous one is in. This finds the maximum
 * throughput; its latency is not what a website sees (mean latency = parallel / throughput by
 * construction, and a stalled server also stops the clients, which hides the stall).
 */
export async function load(total: number, parallel: number, send: (i: number, agent: http.Agent) => Promise<number | string>): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  const latencies: number[] = [];
  let accepted = 0;
  const failures: Record<string, number> = {};
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const status = await send(i, agent).catch(failure);
        latencies.push(performance.now() - t0);
        if (status === 201) accepted++;
        else failures[status] = (failures[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return figures(latencies, accepted, failures, seconds);
}

/**
 * Open loop: request i is due at start + i / rate, whether or not earlier ones were answered
 * (people on websites do not wait for each other), and its latency counts from when it was due,
 * not from when it was sent: a server (or load generator) that stalls cannot hide the queue it
 * builds up (coordinated omission). Throughput is accepted submissions over the time from the
 * first due time to the last answer, so a server that falls behind shows below the offered rate.
 */
export async function openLoad(rate: number, total: number, send: (i: number, agent: http.Agent) => Promise<number | string>): Promise<LoadFigures> {
  // Enough sockets that the client never queues in front of a server that keeps up; when it does
  // not, queueing here counts in the latency anyway (from the due time).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / rate;
  const latencies = new Array<number>(total);
  let accepted = 0;
  const failures: Record<string, number> = {};
  let next = 0;
  let done = 0;
  let clientLagMax = 0;
  let lastAnswer = 0;
  const start = performance.now() + 10;
  await new Promise<void>((resolve) => {
    const fire = (i: number, now: number) => {
      const due = start + i * interval;
      clientLagMax = Math.max(clientLagMax, now - due);
      void send(i, agent)
        .catch(failure)
        .then((status) => {
          lastAnswer = performance.now();
          latencies[i] = lastAnswer - due;
          if (status === 201) accepted++;
          else failures[status] = (failures[status] ?? 0) + 1;
          if (++done === total) resolve();
        });
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) fire(next++, now);
      if (next < total) setTimeout(tick, Math.max(0, Math.min(1, start + next * interval - performance.now())));
    };
    setTimeout(tick, 10);
  });
  agent.destroy();
  const bySecond: number[][] = [];
  latencies.forEach((ms, i) => (bySecond[Math.floor(i / rate)] ??= []).push(ms));
  const p99BySecond = bySecond.map((xs) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.99 * xs.length))]!);
  return { ...figures(latencies, accepted, failures, (lastAnswer - start) / 1000), offered: rate, clientLagMax, p99BySecond };
}

export function post(url: string, path: string, body: string, headers: Record<string, string>, agent: http.Agent): Promise<number | string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method: 'POST', agent, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const submission = (i: number, marker = 'Bench') => ({
  firstName: `${marker}${i}`,
  lastName: 'Intake',
  email: `${marker.toLowerCase()}${i}@example.nl`,
  phone: '06 12345678',
  postcode: '7511AB',
  sectors: ['po', 'vo'],
  message: 'Ik wil graag meer weten over zij-instroom.',
  consent: 'true',
  consentVersion: INTAKE_CONSENT_VERSION,
});

/** Waits until the server has stopped working after a load (the fan-out runs behind the writes), so its CPU counts in full. */
async function settle(server: ServerProcess): Promise<CpuTime> {
  let before = await server.cpu();
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await server.cpu();
    if (now.main - before.main <= 2 * TICK_MS) return now;
    before = now;
  }
  return before;
}

export interface Measured extends LoadFigures {
  /** Submissions the server holds afterwards that carry this run's marker. */
  stored: number;
  /** Server CPU per accepted submission (ms), from the start of the load until it went quiet. */
  cpuMain: number;
  cpuPool: number;
  /** The server's event-loop delay and GC pauses during the load (null: the server ran without the probe). */
  probe: Probe | null;
  /** REGIODESK_INTAKE_TRACE=1: the server's own per-second trace of the load. */
  trace?: TraceSecond[] | null;
}

async function measure(server: ServerProcess, region: string, marker: string, run: () => Promise<LoadFigures>): Promise<Measured> {
  await settle(server);
  const c0 = await server.cpu();
  await server.probe();
  const figures = await run();
  const probe = await server.probe();
  const c1 = await settle(server); // the trace line follows the probe's on the same signal: in by now
  const trace = server.trace();
  const stored = (await regionDocs(server.url, region)).filter((d) => String(d.firstName).startsWith(marker)).length;
  const n = Math.max(1, figures.accepted);
  return { ...figures, stored, cpuMain: (c1.main - c0.main) / n, cpuPool: (c1.pool - c0.pool) / n, probe, ...(trace ? { trace } : {}) };
}

const json = { 'Content-Type': 'application/json' };

export interface IntakeLoad {
  /** Open loop: `rate` submissions/s offered for `seconds` (0: skipped). */
  rate: number;
  seconds: number;
  /** Closed loop: `total` submissions, `parallel` in flight (0: skipped). */
  total: number;
  parallel: number;
}

export interface IntakeRun {
  open?: Measured;
  closed?: Measured;
}

/** The intake load against one server: a warm-up in another region, then the open-loop run, then the closed-loop run, both into `/intake/twente`. */
async function intakeRun(server: ServerProcess, l: IntakeLoad): Promise<IntakeRun> {
  // Both regions take website submissions, so they have website origins, as in production: their
  // intake journals are prepared at once (sync-server/intake/handler.ts, prepare), not at their
  // first submission. (A checkout from before that prepared every region at the first submission.)
  for (const region of ['rijnmond', 'twente']) {
    const res = await fetch(`${server.url}/intake/${region}/settings`, { method: 'PUT', headers: { ...json, Authorization: ADMIN }, body: JSON.stringify({ origins: [`https://www.${region}.example`] }) });
    if (!res.ok) throw new Error(`intake origins of ${region}: ${res.status}`);
  }
  // Warm-up (JIT, LevelDB files, journal file) outside the measurement; BENCH_INTAKE_WARMUP=<n> submissions (300).
  await load(Number(process.env.BENCH_INTAKE_WARMUP) || 300, 32, (i, agent) => post(server.url, '/intake/rijnmond', JSON.stringify(submission(i)), json, agent));
  const out: IntakeRun = {};
  const to = (marker: string) => (i: number, agent: http.Agent) => post(server.url, '/intake/twente', JSON.stringify(submission(i, marker)), json, agent);
  if (l.rate > 0 && l.seconds > 0) out.open = await measure(server, 'twente', 'Open', () => openLoad(l.rate, Math.round(l.rate * l.seconds), to('Open')));
  if (l.total > 0) out.closed = await measure(server, 'twente', 'Closed', () => load(l.total, l.parallel, to('Closed')));
  return out;
}

/**
 * Website intake on loopback, against a server in its own process: the open-loop run (a fixed
 * arrival rate, the target's own terms), the closed-loop run (maximum throughput), and a baseline
 * of the same candidates written one per request through the authenticated CouchDB API
 * (`POST /region-utrecht`), what a website integration would otherwise do. Afterwards counts
 * what the server holds, so a lost submission shows. `servers` are the servers to run one after
 * the other in this run: each a checkout (`root`, e.g. the previous commit's) and environment
 * (e.g. another store engine), for before/after ratios on a busy machine.
 */
export async function benchIntakeServer(
  l: IntakeLoad,
  servers: { name: string; root?: string; env?: Record<string, string> }[],
  opts: { baseline?: boolean } = {},
): Promise<{ runs: (IntakeRun & { name: string })[]; baseline?: Measured }> {
  const out: { runs: (IntakeRun & { name: string })[]; baseline?: Measured } = { runs: [] };
  for (const [k, s] of servers.entries()) {
    const server = await startServerProcess(s.root, s.env);
    try {
      out.runs.push({ name: s.name, ...(await intakeRun(server, l)) });
      if (opts.baseline !== false && k === servers.length - 1) out.baseline = await baselineRun(server, l.total || 5000, l.parallel || 32);
    } finally {
      await server.close();
    }
  }
  return out;
}

/** The same candidates written one per request through the authenticated CouchDB API (closed loop). */
function baselineRun(server: ServerProcess, total: number, parallel: number): Promise<Measured> {
  const now = new Date().toISOString();
  return measure(server, 'utrecht', 'Bench', () =>
    load(total, parallel, (i, agent) => {
      const s = submission(i);
      const doc = {
        _id: `bench-${i}`, type: 'candidate', firstName: s.firstName, lastName: s.lastName, email: s.email, phone: s.phone,
        postcode: '7511 AB', sectors: s.sectors, functions: [], subjects: [], phase: 'nieuw', source: 'website', motivation: s.message,
        consent: { given: true, version: s.consentVersion, date: now.slice(0, 10) }, regions: ['utrecht'], ownerRegion: 'utrecht',
        owner: 'website', createdAt: now, createdBy: 'website', updatedAt: now, updatedBy: 'website',
      };
      return post(server.url, '/region-utrecht', JSON.stringify(doc), { ...json, Authorization: ADMIN }, agent);
    }),
  );
}
