import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { authenticate } from './auth/authenticate';
import { adminRoutes } from './admin/routes';
import { ensureReferenceDb } from './reference/db';
import { referenceRoutes } from './reference/routes';
import { sessionSecret } from './auth/shared-secret';
import { SessionTokens } from './auth/session';
import { LoginThrottle } from './auth/throttle';
import { Users } from './auth/users';
import type { ServerConfig } from './config';
import { bulkRoutes } from './couch/bulk';
import { purgeRoutes } from './couch/purge';
import { changesRoutes } from './couch/changes';
import { notifyRoutes } from './notify/db-updates';
import { dbRoutes } from './couch/db-routes';
import type { Deps, State } from './couch/deps';
import { docRoutes } from './couch/doc-routes';
import { serverRoutes } from './couch/server-routes';
import { sessionRoutes } from './couch/session-routes';
import { loadDemo } from './demo/load';
import { handleCors } from './http/cors';
import { createIntake, intakeSettingsRoutes } from './intake';
import { createPublicVacancies } from './vacancies';
import { badRequest, HttpError, isClientAbort, notFound, toHttpError } from './http/errors';
import { sendError } from './http/respond';
import { Router, splitPath } from './http/router';
import { FanOut } from './fanout/fanout';
import { figuresRoutes } from './figures';
import { crossRegionRoutes } from './fanout/routes';
import { memberRoutes } from './regions/members';
import { linkRequestRoutes } from './regions/link-request';
import { Regions } from './regions/regions';
import { openStore } from './store/open-store';
import { asActor, openPrivacy, privacyRoutes } from './privacy';
import { checkCsrf } from './security/csrf';
import { setSecurityHeaders } from './security/headers';
import { errorFields, logJson, logPath } from './security/log';
import { loadTls } from './security/tls';
import { serveWebApp } from './web/static';
import { serveUpdates } from './updates/serve';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

async function packageVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function serverId(dataDir: string): Promise<string> {
  const p = path.join(dataDir, 'server-id');
  try {
    return (await readFile(p, 'utf8')).trim();
  } catch {
    const id = randomUUID().replace(/-/g, '');
    await writeFile(p, id + '\n');
    return id;
  }
}

async function isEmptyDir(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch(() => []);
  return entries.length === 0;
}

function buildRouter(deps: Deps): Router<State> {
  const router = new Router<State>();
  serverRoutes(router, deps);
  sessionRoutes(router, deps);
  changesRoutes(router, deps);
  notifyRoutes(router, deps);
  bulkRoutes(router, deps);
  purgeRoutes(router, deps);
  crossRegionRoutes(router, deps);
  memberRoutes(router, deps);
  linkRequestRoutes(router, deps);
  adminRoutes(router, deps);
  referenceRoutes(router, deps);
  dbRoutes(router, deps);
  docRoutes(router, deps);
  return router;
}

/** Starts the sync server: opens the store, prepares users and demo data, listens. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const wasEmpty = await isEmptyDir(config.dataDir);
  await mkdir(config.dataDir, { recursive: true });
  const { store, empty } = await openStore(config, wasEmpty);
  const users = await Users.open(store);
  const regions = await Regions.open(store);
  await ensureReferenceDb(store);
  // Routes see the audited store (writes by a user land in the region's audit log); the fan-out keeps the plain one.
  const privacy = await openPrivacy(store);
  if (config.demo && empty) await loadDemo({ store, users, regions }, { size: config.demoSize });
  if (config.adminPassword) await users.ensure('admin', config.adminPassword, { admin: true });
  const deps: Deps = {
    config,
    store: privacy.store,
    users,
    regions,
    tokens: new SessionTokens(await sessionSecret(config, store), config.sessionTtlSeconds),
    throttle: new LoginThrottle(config.loginAttemptsPerMinute),
    serverId: await serverId(config.dataDir),
    version: await packageVersion(),
  };
  const router = buildRouter(deps);
  // Carries shared documents between linked regions' databases (sync-server/fanout).
  const fanout = new FanOut(store, { onError: (err, db) => logJson('error', 'fanout_error', { db, ...errorFields(err) }) });
  privacyRoutes(router, deps, { audit: privacy.audit, privacyDb: privacy.privacyDb, erased: privacy.erased, store });
  await fanout.start();
  const intake = await createIntake(deps, config.intake, privacy.erased);
  intakeSettingsRoutes(router, deps, intake.settings);
  const vacancies = createPublicVacancies(deps, intake.settings);
  // Aggregate figures (regions, alliances, country) and the quarterly report (sync-server/figures).
  await figuresRoutes(router, deps);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Public website intake: its own CORS, no login; its writes go to the audit log without a user.
    if (await asActor(null, () => intake.handle(req, res))) return;
    if (await vacancies.handle(req, res)) return; // public vacancy list per region, no login
    setSecurityHeaders(res, (req.url ?? '/').split('?')[0]!, !!tls);
    if (handleCors(req, res, config.corsOrigins)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = splitPath(url.pathname);
    if (!segments) throw badRequest('Malformed URL path.');
    if (segments[0] === 'app') {
      if (url.pathname === '/app') {
        res.writeHead(301, { Location: '/app/' });
        res.end();
        return;
      }
      await serveWebApp(req, res, config.webRoot, segments.slice(1).join('/'));
      return;
    }
    if (segments[0] === 'updates') {
      await serveUpdates(req, res, path.join(config.dataDir, 'updates'), segments.slice(1)); // desktop auto-update feed
      return;
    }
    const match = router.match(req.method ?? 'GET', segments);
    if (!match) throw notFound('missing');
    const state = await authenticate(req, deps);
    checkCsrf(req, state.method, config.corsOrigins, !!tls);
    await asActor(state.user?.name ?? null, () => Promise.resolve(match.handler({ req, res, params: match.params, query: url.searchParams, state })));
  }

  const tls = loadTls(config.tls);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (isClientAbort(err, req)) {
        logJson('info', 'client_aborted', { method: req.method, path: logPath(req.url), errorCode: (err as { code?: unknown }).code });
        res.destroy();
        return;
      }
      const httpErr = toHttpError(err);
      if (httpErr.status >= 500) logJson('error', 'unexpected_error', { method: req.method, path: logPath(req.url), ...errorFields(err) });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A body we stopped reading (413) cannot be drained cheaply: close the connection after answering.
      if (httpErr.status === 413) res.setHeader('Connection', 'close');
      sendError(res, httpErr instanceof HttpError ? httpErr : toHttpError(err));
    });
  };
  const server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, onRequest) : createServer(onRequest);
  server.requestTimeout = 0; // long-polls are bounded by the handler itself
  server.headersTimeout = 30_000;
  // Let clients close idle connections, not the server: Node's fetch (undici) drops an idle
  // socket after 4 s by its own timer, and with the server's default of 5 s a busy client whose
  // timer fired late sent its next request on a socket the server had just closed ("other side
  // closed"; a POST is not retried). Browsers retry such requests themselves.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    url: `${tls ? 'https' : 'http'}://${host}:${addr.port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await intake.close(); // answered website submissions reach the store before it closes
      await fanout.stop();
      await privacy.stop(); // a running audit trim finishes before the store closes
      await store.close();
    },
  };
}
