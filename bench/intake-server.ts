import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { INTAKE_CONSENT_VERSION } from '../src/shared';
import { ADMIN, regionDocs } from '../sync-server/intake/testing';
import { TEST_ADMIN_PASSWORD } from '../sync-server/testing';

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

export interface ServerProcess {
  url: string;
  cpu(): Promise<CpuTime>;
  close(): Promise<void>;
}

/**
 * The sync server in its own process (as in production), so the load generator does not share
 * its core. `root` is the checkout whose server runs (another commit's, to compare).
 * BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there on exit (open it in Chrome DevTools).
 */
export async function startServerProcess(root = process.cwd(), env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-'));
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(root, 'sync-server/main.ts')], {
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
  return {
    url,
    cpu: () => cpuOf(child.pid!),
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
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sends `total` requests with `parallel` in flight over keep-alive connections. */
export async function load(total: number, parallel: number, send: (i: number, agent: http.Agent) => Promise<number>): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  const latencies: number[] = [];
  let accepted = 0;
  let failed = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const status = await send(i, agent).catch(() => 0);
        latencies.push(performance.now() - t0);
        if (status === 201) accepted++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { accepted, failed, seconds, perSecond: accepted / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies[latencies.length - 1] ?? 0 };
}

export function post(url: string, path: string, body: string, headers: Record<string, string>, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method: 'POST', agent, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const submission = (i: number) => ({
  firstName: `Bench${i}`,
  lastName: 'Intake',
  email: `bench${i}@example.nl`,
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
}

async function measure(server: ServerProcess, region: string, marker: string, run: () => Promise<LoadFigures>): Promise<Measured> {
  await settle(server);
  const c0 = await server.cpu();
  const figures = await run();
  const c1 = await settle(server);
  const stored = (await regionDocs(server.url, region)).filter((d) => String(d.firstName).startsWith(marker)).length;
  const n = Math.max(1, figures.accepted);
  return { ...figures, stored, cpuMain: (c1.main - c0.main) / n, cpuPool: (c1.pool - c0.pool) / n };
}

const json = { 'Content-Type': 'application/json' };

/** The intake load against one server: `total` submissions to `/intake/twente`, after a warm-up in another region. */
async function intakeRun(server: ServerProcess, total: number, parallel: number): Promise<Measured> {
  // Warm-up (JIT, LevelDB files, journal file) outside the measurement.
  await load(300, parallel, (i, agent) => post(server.url, '/intake/rijnmond', JSON.stringify(submission(i)), json, agent));
  return measure(server, 'twente', 'Bench', () => load(total, parallel, (i, agent) => post(server.url, '/intake/twente', JSON.stringify(submission(i)), json, agent)));
}

/**
 * Website intake on loopback: N submissions through `POST /intake/twente` against a baseline of
 * the same candidates written one per request through the authenticated CouchDB API
 * (`POST /region-utrecht`), what a website integration would otherwise do. Afterwards counts
 * what the server holds, so a lost submission shows. With `compareRoot` (another checkout, e.g.
 * the previous commit) the same intake load also runs against that checkout's server, one
 * after the other in this run, for a before/after ratio on a busy machine.
 */
export async function benchIntakeServer(
  total: number,
  parallel: number,
  opts: { compareRoot?: string; baseline?: boolean } = {},
): Promise<{ intake: Measured; baseline?: Measured; compare?: Measured }> {
  const out: { intake: Measured; baseline?: Measured; compare?: Measured } = {} as never;
  if (opts.compareRoot) {
    const old = await startServerProcess(opts.compareRoot);
    try {
      out.compare = await intakeRun(old, total, parallel);
    } finally {
      await old.close();
    }
  }
  const server = await startServerProcess();
  try {
    out.intake = await intakeRun(server, total, parallel);
    if (opts.baseline !== false) {
      const now = new Date().toISOString();
      out.baseline = await measure(server, 'utrecht', 'Bench', () =>
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
  } finally {
    await server.close();
  }
  return out;
}
