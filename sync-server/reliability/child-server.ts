import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'sync-server/main.ts');
const BUNDLE_DIR = path.join(ROOT, 'node_modules/.cache/regiodesk-reliability');

let entry: Promise<string[]> | null = null;

/**
 * How to run the server: one esbuild bundle of sync-server/main.ts per test process (starts in
 * well under a second even on a loaded machine, where tsx compiling file by file takes several),
 * falling back to tsx when bundling fails. Packages stay external, so it runs the same code.
 */
function serverCommand(): Promise<string[]> {
  entry ??= (async () => {
    try {
      const { build } = await import('esbuild');
      await mkdir(BUNDLE_DIR, { recursive: true });
      const outfile = path.join(BUNDLE_DIR, `server-${process.pid}-${Date.now().toString(36)}.mjs`);
      await build({ entryPoints: [MAIN], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'silent' });
      return [outfile];
    } catch {
      return ['--import', 'tsx', MAIN];
    }
  })();
  return entry;
}

export const CHILD_ADMIN_PASSWORD = 'admin-secret';

/** A free loopback port, so a restarted server can come back on the same address. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ChildServerOptions {
  /** Load the demo regions and users (and their candidates) into the empty data folder. */
  demo?: boolean;
  /** Extra environment for the server (e.g. REGIODESK_DEMO_SIZE when the server reads it). */
  env?: Record<string, string>;
  /** Longest wait for "listening" on start, in ms. */
  startTimeoutMs?: number;
}

/**
 * The real sync server (`sync-server/main.ts`, as `npm run sync-server` runs it) in a child
 * process, so a test can kill it with SIGKILL in the middle of a write and start it again on the
 * same data folder and port: what a power cut or an OOM kill does to a production server.
 */
export class ChildServer {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly opts: ChildServerOptions,
    private readonly ownsDataDir: boolean,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(opts: ChildServerOptions & { dataDir?: string; port?: number } = {}): Promise<ChildServer> {
    const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'regiodesk-reliability-')));
    const s = new ChildServer(opts.port ?? (await freePort()), dataDir, opts, opts.dataDir === undefined);
    await s.restart();
    return s;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Last lines the server printed (for failure messages). */
  get log(): string {
    return this.output.slice(-4000);
  }

  /** Starts the server process on the same port and data folder; resolves once it listens. */
  async restart(): Promise<void> {
    if (this.running) throw new Error('server still running');
    const child = spawn(process.execPath, await serverCommand(), {
      cwd: ROOT,
      env: {
        ...process.env,
        REGIODESK_HOST: '127.0.0.1',
        REGIODESK_PORT: String(this.port),
        REGIODESK_DATA: this.dataDir,
        REGIODESK_ADMIN_PASSWORD: CHILD_ADMIN_PASSWORD,
        REGIODESK_DEMO: this.opts.demo ? '1' : '0',
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const timeout = this.opts.startTimeoutMs ?? 30_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`sync server did not start within ${timeout} ms:\n${this.log}`)), timeout);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        if (/listening on http/.test(this.output.slice(-2000))) done();
      };
      const onExit = (code: number | null, signal: string | null) =>
        fail(new Error(`sync server exited (${code ?? signal}) while starting:\n${this.log}`));
      const cleanup = () => {
        clearTimeout(timer);
        child.off('exit', onExit);
      };
      const done = () => {
        cleanup();
        resolve();
      };
      const fail = (e: Error) => {
        cleanup();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        reject(e);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
      child.once('exit', onExit);
    });
  }

  /** SIGKILL: no shutdown handler runs, open LevelDB files are left as they are. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Stops the server and removes the data folder if this helper made it. */
  async close(): Promise<void> {
    await this.kill('SIGKILL');
    if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Logs in through CouchDB's `_session` and returns the AuthSession cookie (no scrypt per request). */
export async function sessionCookie(url: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!res.ok) throw new Error(`login of ${name} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = /AuthSession=([^;]*)/.exec(setCookie);
  if (!m) throw new Error('no AuthSession cookie in the login answer');
  return `AuthSession=${m[1]}`;
}
