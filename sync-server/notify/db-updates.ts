import { guardDb } from '../access/guard';
import { badRequest, noDb } from '../http/errors';
import type { Router } from '../http/router';
import type { Deps, RouteCtx, State } from '../couch/deps';

/** Most databases one stream may watch (a user's regions are a handful). */
const MAX_DBS = 100;
const DEFAULT_HEARTBEAT_MS = 15_000;
/** Changes within this window go out as one event (a bulk write is one notification). */
const COALESCE_MS = 25;

let openStreams = 0;
/** Streams currently open (tests check that none outlive their clients). */
export function openStreamCount(): number {
  return openStreams;
}

/**
 * `GET /_regiodesk/db-updates?dbs=a,b[&heartbeat=ms]`: one server-sent-events stream that says
 * which of the named databases changed (`event: change`, `data: {"dbs":[…]}`), so a client keeps
 * every collection of every region live over one connection instead of a long-poll each. Access is
 * checked per database before the stream opens; comments (`: hb`) keep proxies from closing it;
 * every store listener and timer goes when the client does.
 */
async function dbUpdates(deps: Deps, ctx: RouteCtx): Promise<void> {
  const names = (ctx.query.get('dbs') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw badRequest('Name the databases to watch: ?dbs=a,b');
  if (names.length > MAX_DBS) throw badRequest(`At most ${MAX_DBS} databases per stream.`);
  const unique = [...new Set(names)];
  for (const name of unique) guardDb(ctx.state.user, name, 'read');
  const dbs = [];
  for (const name of unique) {
    const db = await deps.store.open(name);
    if (!db) throw noDb();
    dbs.push({ name, db });
  }
  const hbParam = Number(ctx.query.get('heartbeat') ?? '');
  const heartbeatMs = Number.isFinite(hbParam) && hbParam >= 1000 ? Math.min(hbParam, 60_000) : DEFAULT_HEARTBEAT_MS;

  const { res, req } = ctx;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  openStreams += 1;
  res.write(`retry: 2000\nevent: ready\ndata: ${JSON.stringify({ dbs: unique })}\n\n`);

  const changed = new Set<string>();
  let flushTimer: NodeJS.Timeout | null = null;
  const flush = () => {
    flushTimer = null;
    if (changed.size === 0 || res.writableEnded) return;
    res.write(`event: change\ndata: ${JSON.stringify({ dbs: [...changed] })}\n\n`);
    changed.clear();
  };
  const unsubscribes = dbs.map(({ name, db }) =>
    db.subscribe(() => {
      changed.add(name);
      flushTimer ??= setTimeout(flush, COALESCE_MS);
    }),
  );
  const heartbeat = setInterval(() => {
    if (!res.writableEnded) res.write(': hb\n\n');
  }, heartbeatMs);

  await new Promise<void>((resolve) => {
    const done = () => {
      openStreams -= 1;
      clearInterval(heartbeat);
      if (flushTimer) clearTimeout(flushTimer);
      for (const u of unsubscribes) u();
      res.off('close', done);
      req.off('aborted', done);
      resolve();
    };
    res.on('close', done);
    req.on('aborted', done);
  });
}

export function notifyRoutes(router: Router<State>, deps: Deps): void {
  router.on('GET', '/_regiodesk/db-updates', (ctx) => dbUpdates(deps, ctx));
}
