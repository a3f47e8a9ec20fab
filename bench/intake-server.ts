import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { INTAKE_CONSENT_VERSION } from '../src/shared';
import { ADMIN, regionDocs } from '../sync-server/intake/testing';
import { TEST_ADMIN_PASSWORD } from '../sync-server/testing';

/** The sync server in its own process (as in production), so the load generator does not share its core. */
async function startServerProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    env: { ...process.env, REGIODESK_PORT: '0', REGIODESK_DATA: dataDir, REGIODESK_DEMO: '1', REGIODESK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, REGIODESK_INTAKE_PER_MINUTE: '100000000' },
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
  p99: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sends `total` requests with `parallel` in flight over keep-alive connections. */
async function load(total: number, parallel: number, send: (i: number, agent: http.Agent) => Promise<number>): Promise<LoadFigures> {
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
  return { accepted, failed, seconds, perSecond: accepted / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

function post(url: string, path: string, body: string, headers: Record<string, string>, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method: 'POST', agent, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const submission = (i: number) => ({
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

/**
 * Website intake on loopback: N submissions through `POST /intake/twente` against a baseline of
 * the same candidates written one per request through the authenticated CouchDB API
 * (`POST /region-utrecht`), what a website integration would otherwise do. Afterwards counts
 * what the server holds, so a lost submission shows.
 */
export async function benchIntakeServer(total: number, parallel: number): Promise<{ intake: LoadFigures; baseline: LoadFigures; storedIntake: number; storedBaseline: number }> {
  const server = await startServerProcess();
  try {
    const now = new Date().toISOString();
    // Warm-up (JIT, LevelDB files, Basic-auth cache) outside the measurement.
    await load(200, parallel, (i, agent) => post(server.url, '/intake/rijnmond', JSON.stringify(submission(i)), { 'Content-Type': 'application/json' }, agent));
    const baseline = await load(total, parallel, (i, agent) => {
      const s = submission(i);
      const doc = {
        _id: `bench-${i}`, type: 'candidate', firstName: s.firstName, lastName: s.lastName, email: s.email, phone: s.phone,
        postcode: '7511 AB', sectors: s.sectors, functions: [], subjects: [], phase: 'nieuw', source: 'website', motivation: s.message,
        consent: { given: true, version: s.consentVersion, date: now.slice(0, 10) }, regions: ['utrecht'], ownerRegion: 'utrecht',
        owner: 'website', createdAt: now, createdBy: 'website', updatedAt: now, updatedBy: 'website',
      };
      return post(server.url, '/region-utrecht', JSON.stringify(doc), { 'Content-Type': 'application/json', Authorization: ADMIN }, agent);
    });
    const intake = await load(total, parallel, (i, agent) => post(server.url, '/intake/twente', JSON.stringify(submission(i)), { 'Content-Type': 'application/json' }, agent));
    const storedIntake = (await regionDocs(server.url, 'twente')).filter((d) => String(d.firstName).startsWith('Bench')).length;
    const storedBaseline = (await regionDocs(server.url, 'utrecht')).filter((d) => String(d.firstName).startsWith('Bench')).length;
    return { intake, baseline, storedIntake, storedBaseline };
  } finally {
    await server.close();
  }
}
