import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { withDefaults } from './config';
import { startServer } from './server';
import { openStore } from './store/open-store';
import { startCouchCompatible } from './store/couch-compatible';

export interface TestServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export const TEST_ADMIN_PASSWORD = 'admin-secret';

/**
 * A real sync server on 127.0.0.1 with a random port and a fresh temporary data folder
 * (removed on close). With `demo`, the demo regions, users (password `regiodesk`) and
 * candidates are loaded; `admin` always exists with password TEST_ADMIN_PASSWORD.
 */
export async function startTestServer(
  opts: {
    demo?: boolean;
    demoSize?: number;
    webRoot?: string;
    loginAttemptsPerMinute?: number;
    maxLongpollMs?: number;
    /**
     * `couch`: store the data through the CouchDB backend in an express-pouchdb server started
     * for this test. Default: REGIODESK_TEST_STORE, else embedded.
     */
    store?: 'embedded' | 'couch';
    /** Use this CouchDB (e.g. one shared by two test servers) instead of starting one. */
    couchdbUrl?: string;
  } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-test-'));
  const useCouch = opts.couchdbUrl !== undefined || (opts.store ?? process.env.REGIODESK_TEST_STORE) === 'couch';
  // Not COUCHDB_URL: whole-server tests need an empty CouchDB of their own (demo data, fixed ids);
  // a real CouchDB is exercised by the store contract suite.
  const given = opts.couchdbUrl;
  const couch = useCouch && !given ? await startCouchCompatible() : null;
  const couchdbUrl = useCouch ? (couch?.url ?? given) : undefined;
  const server = await startServer(
    withDefaults({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      demo: opts.demo ?? false,
      adminPassword: TEST_ADMIN_PASSWORD,
      ...(couchdbUrl ? { couchdbUrl } : {}),
      ...(opts.demoSize !== undefined ? { demoSize: opts.demoSize } : {}),
      ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot === 'dist/renderer' ? (process.env.REGIODESK_WEB_ROOT ?? opts.webRoot) : opts.webRoot } : {}),
      ...(opts.loginAttemptsPerMinute !== undefined ? { loginAttemptsPerMinute: opts.loginAttemptsPerMinute } : {}),
      ...(opts.maxLongpollMs !== undefined ? { maxLongpollMs: opts.maxLongpollMs } : {}),
    }),
  );
  return {
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      await couch?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type OpenedStore = Awaited<ReturnType<typeof openStore>>['store'];

/**
 * An embedded server with the demo users (no demo candidates) on a fresh data folder, which a
 * test can stop to write into its store directly — documents as an older server stored them,
 * before a rule checked them — and start again (on a new port: read `url` after).
 */
export class StoppableTestServer {
  private running!: Awaited<ReturnType<typeof startServer>>;

  private constructor(readonly dataDir: string) {}

  static async start(prefix: string): Promise<StoppableTestServer> {
    const s = new StoppableTestServer(await mkdtemp(path.join(os.tmpdir(), prefix)));
    s.running = await startServer(s.config());
    return s;
  }

  get url(): string {
    return this.running.url;
  }

  config() {
    return withDefaults({ dataDir: this.dataDir, host: '127.0.0.1', port: 0, demo: true, demoSize: 0, adminPassword: TEST_ADMIN_PASSWORD });
  }

  /** Stops the server, hands `write` its store (opened as the server opens it), starts it again. */
  async writeStopped(write: (store: OpenedStore) => Promise<void>): Promise<void> {
    await this.running.close();
    const { store } = await openStore(this.config(), false);
    try {
      await write(store);
    } finally {
      await store.close();
    }
    this.running = await startServer(this.config());
  }

  async close(): Promise<void> {
    await this.running?.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** An Authorization header value for Basic auth. */
export function basicAuth(name: string, password: string): string {
  return 'Basic ' + Buffer.from(`${name}:${password}`, 'utf8').toString('base64');
}
