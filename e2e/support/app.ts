import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../sync-server/testing';
import { LoginPage } from '../pages/login';
import { launchBrowser, type TestBrowser } from './browser';
import { serverDocs } from './couch';

/** The password of every demo user (anna, bram, carla, …). */
export const DEMO_PASSWORD = 'regiodesk';

export interface NewUser {
  name: string;
  password: string;
  memberships: { region: string; role: string }[];
}

export interface LoggedIn {
  context: BrowserContext;
  page: Page;
}

/** The running app of one test file: a real server, a real browser, and ways to log in. */
export interface App {
  readonly server: TestServer;
  readonly browser: TestBrowser;
  /** The server's base URL (it also serves the web app). */
  readonly url: string;
  /** A JSON request to the server as the administrator; fails the test on an answer ≥ 300. */
  asAdmin(path: string, body?: unknown, method?: string): Promise<Response>;
  /** A user created through the server's admin API; `loginAs` then knows her password. */
  createUser(user: NewUser): Promise<void>;
  /**
   * Writes one document to a database as `user` (default the administrator), as a colleague's
   * laptop would; fails the test unless the server answers 201 Created.
   */
  putDoc(db: string, id: string, doc: object, user?: string): Promise<void>;
  /** Writes documents with `_bulk_docs` as `user` (default the administrator); fails the test if any one is refused. */
  bulkDocs(db: string, docs: unknown[], user?: string): Promise<void>;
  /** What the server holds in `db`, read as `user` (default the administrator) like a CouchDB client. */
  docs(db: string, user?: string): Promise<Record<string, unknown>[]>;
  /**
   * A fresh browser profile (its own IndexedDB and cookies), closed when the file ends. With
   * `options` (Chromium only, e.g. `serviceWorkers: 'block'` so that Playwright's routing sees
   * every request) they are added to the usual Dutch locale and time zone.
   */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /**
   * Logs `user` in through the real login form, in a fresh profile unless `context` is given.
   * The password: `password`, else the one given to createUser, else the demo password.
   */
  loginAs(user: string, opts?: { password?: string; context?: BrowserContext }): Promise<LoggedIn>;
}

/** Opens the app in `page` and logs in through the login form, as a person would. */
export async function loginAs(page: Page, serverUrl: string, user: string, password = DEMO_PASSWORD): Promise<void> {
  const login = new LoginPage(page);
  await login.open(serverUrl);
  await login.login(user, password);
}

/**
 * Starts the server (demo data by default) and the browser before the file's tests and stops
 * both after them, with every context opened through the app. Call it in a `describe` (or at
 * the top of the file); `setup` runs once both are up, e.g. to seed documents or log in once
 * for the whole file (give it `setupTimeoutMs` when it does more than the hook timeout allows).
 */
export function withApp(opts: { demo?: boolean; demoSize?: number; setup?: (app: App) => Promise<void>; setupTimeoutMs?: number } = {}): App {
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  const contexts: BrowserContext[] = [];
  const passwords = new Map<string, string>([['admin', TEST_ADMIN_PASSWORD]]);
  const passwordOf = (user: string) => passwords.get(user) ?? DEMO_PASSWORD;
  // A request as a colleague's laptop or an admin script makes it: Basic auth, JSON.
  const asUser = (user: string, method: string, path: string, body?: unknown) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: basicAuth(user, passwordOf(user)), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`withApp: ${what} is not started (use it inside a test or beforeAll)`);
    return value;
  };

  const app: App = {
    get server() {
      return started(server, 'the server');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    get url() {
      return started(server, 'the server').url;
    },
    async asAdmin(path, body, method = 'POST') {
      const res = await asUser('admin', method, path, body);
      if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
      return res;
    },
    async createUser(user) {
      await app.asAdmin('/_regiodesk/admin/users', user);
      passwords.set(user.name, user.password);
    },
    async putDoc(db, id, doc, user = 'admin') {
      const res = await asUser(user, 'PUT', `/${db}/${encodeURIComponent(id)}`, doc);
      if (res.status !== 201) throw new Error(`PUT ${db}/${id} as ${user}: HTTP ${res.status} ${await res.text()}`);
    },
    async bulkDocs(db, docs, user = 'admin') {
      const res = await asUser(user, 'POST', `/${db}/_bulk_docs`, { docs });
      const body = (await res.json()) as { id?: string; ok?: boolean; error?: string; reason?: string }[] | { error: string };
      const refused = Array.isArray(body) ? body.filter((r) => !r.ok) : [body];
      if (res.status !== 201 || refused.length > 0) throw new Error(`_bulk_docs to ${db} as ${user}: HTTP ${res.status}, refused ${JSON.stringify(refused)}`);
    },
    docs(db, user = 'admin') {
      return serverDocs(app.url, db, { user, password: passwordOf(user) });
    },
    async newContext(options) {
      const chromium = app.browser.browser;
      const context = options && chromium ? await chromium.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', ...options }) : await app.browser.newContext();
      contexts.push(context);
      return context;
    },
    async loginAs(user, o = {}) {
      const context = o.context ?? (await app.newContext());
      const page = await context.newPage();
      await loginAs(page, app.url, user, o.password ?? passwordOf(user));
      return { context, page };
    },
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: opts.demo ?? true, ...(opts.demoSize !== undefined ? { demoSize: opts.demoSize } : {}), webRoot: 'dist/renderer' });
    await opts.setup?.(app);
  }, opts.setupTimeoutMs);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  return app;
}
