import type { ServerResponse } from 'node:http';
import { allows } from '../access/guard';
import { principalOf } from '../auth/users';
import { readJson } from '../http/body';
import { badRequest } from '../http/errors';
import { sendJsonText } from '../http/respond';
import { CHANGES_SHAPE_PARAM } from '../../src/shared';
import { changesText, type DocShape } from './changes-text';
import type { Router } from '../http/router';
import type { ChangesQuery, ChangesResult, StoreDb } from '../store/types';
import type { Deps, RouteCtx, State } from './deps';
import { continuousFeed } from './continuous';
import { openDb } from './open';
import { bool, int, json, stringArray } from './query';
import { coalesced, generationOf, onNextChange } from './coalesce';
import { parseSelector } from './selector';
import { planChanges } from './private-views';

function parseSince(raw: string | null): number | string {
  if (raw === null || raw === '' || raw === '0') return 0;
  if (raw === 'now') return 'now';
  // The embedded store's sequences are integers; CouchDB's are opaque "<n>-<…>" strings, which
  // the CouchDB backend needs back unchanged (the embedded store reads their number).
  const text = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  const m = /^(\d+)(-.*)?$/.exec(text);
  if (!m) throw badRequest("Malformed sequence supplied in 'since' parameter.");
  return m[2] ? text : Number(m[1]);
}

/**
 * Waits until the database changes after generation `seen`, `ms` pass, or the client goes away.
 * Resolves to false when the client disconnected. Always removes its listeners. A write between
 * the read and this wait (generation moved on) answers at once instead of being missed.
 */
function waitForChange(deps: Deps, db: StoreDb, res: ServerResponse, ms: number, seen: number): Promise<boolean> {
  if (generationOf(deps, db) !== seen) return Promise.resolve(true);
  return new Promise((resolve) => {
    let done = false;
    const finish = (connected: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      res.off('close', onClose);
      resolve(connected);
    };
    const onClose = () => finish(false);
    const timer = setTimeout(() => finish(true), ms);
    const unsubscribe = onNextChange(deps, db, () => finish(true));
    res.on('close', onClose);
  });
}

/** The same read of the same database in the same generation is done once (coalesce.ts). */
async function readChanges(deps: Deps, db: StoreDb, query: ChangesQuery): Promise<{ key: string; result: ChangesResult }> {
  const key = `changes\0${generationOf(deps, db)}\0${JSON.stringify(query)}`;
  return { key, result: await coalesced(deps, db, key, () => db.changes(query)) };
}

function readUpdateSeq(deps: Deps, db: StoreDb): Promise<number | string> {
  return coalesced(deps, db, `seq\0${generationOf(deps, db)}`, () => db.updateSeq());
}

/**
 * `_changes` with feed normal or longpoll, style, include_docs, since (incl. `now`), limit,
 * descending, conflicts, `filter=_doc_ids` and `filter=_selector` (selector in the POST body, as
 * CouchDB takes it, or as a JSON `selector` query parameter). A longpoll with nothing new waits for the next
 * change, but never longer than `timeout`, the client's `heartbeat` or the server's cap, and
 * then answers with an empty result. `regiodesk_shape=rx` (CHANGES_SHAPE_PARAM, sent by the app only)
 * writes the documents in RxDB's shape (`id`, no `_rev`; changes-text.ts); any other client gets
 * CouchDB's.
 */
async function changes(deps: Deps, ctx: RouteCtx): Promise<void> {
  const db = await openDb(deps, ctx, 'read');
  const q = ctx.query;
  const feed = q.get('feed') ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll' && feed !== 'continuous') {
    throw badRequest(`feed=${feed} is not supported; use normal, longpoll or continuous.`);
  }
  const shapeParam = q.get(CHANGES_SHAPE_PARAM);
  if (shapeParam !== null && shapeParam !== 'rx' && shapeParam !== 'couch') throw badRequest(`${CHANGES_SHAPE_PARAM}=${shapeParam} is not supported; use rx or couch.`);
  const shape: DocShape = shapeParam === 'rx' ? 'rx' : 'couch';
  const filter = q.get('filter');
  let docIds: string[] | undefined;
  let selector: Record<string, unknown> | undefined;
  if (filter === '_selector') {
    let raw = json(q, 'selector');
    if (ctx.req.method === 'POST') {
      const body = (await readJson(ctx.req, deps.config.maxBodyBytes, { allowEmpty: true })) as { selector?: unknown } | undefined;
      if (body && typeof body === 'object' && body.selector !== undefined) raw = body.selector;
    }
    selector = parseSelector(raw);
  } else if (filter === '_doc_ids') {
    let ids = json(q, 'doc_ids');
    if (ctx.req.method === 'POST') {
      const body = (await readJson(ctx.req, deps.config.maxBodyBytes, { allowEmpty: true })) as { doc_ids?: unknown } | undefined;
      if (body && typeof body === 'object' && body.doc_ids !== undefined) ids = body.doc_ids;
    }
    docIds = stringArray(ids, 'doc_ids');
  } else if (filter !== null) {
    throw badRequest(`filter=${filter} is not supported.`);
  } else if (ctx.req.method === 'POST') {
    await readJson(ctx.req, deps.config.maxBodyBytes, { allowEmpty: true });
  }
  let since = parseSince(q.get('since'));
  if (since === 'now') since = await readUpdateSeq(deps, db);
  const style = q.get('style');
  if (style !== null && style !== 'all_docs' && style !== 'main_only') throw badRequest(`Invalid style ${style}.`);
  const query: ChangesQuery = {
    since,
    includeDocs: bool(q, 'include_docs') ?? false,
    allLeaves: style === 'all_docs',
    descending: bool(q, 'descending') ?? false,
    conflicts: bool(q, 'conflicts') ?? false,
    // Documents as text, spliced into the answer (changes-text.ts).
    rawDocs: true,
  };
  const limit = int(q, 'limit', 0);
  if (limit !== undefined && limit > 0) query.limit = limit;
  if (docIds) query.docIds = docIds;
  if (selector) query.selector = selector;
  // Private saved views (private-views.ts): the store read is the same for every user, the rows are shown per user.
  const plan = planChanges(query, ctx.state.user?.name);

  if (feed === 'continuous') {
    const heartbeat = int(q, 'heartbeat', 0) || undefined;
    const timeout = Math.min(int(q, 'timeout', 0) || deps.config.maxLongpollMs, deps.config.maxLongpollMs);
    await continuousFeed(db, ctx.res, plan.query, {
      rows: plan.rows,
      shape,
      ...(heartbeat !== undefined ? { heartbeat: Math.max(heartbeat, 1000) } : {}),
      timeout,
      stillAllowed: () => stillAllowed(deps, ctx),
    });
    return;
  }

  let generation = generationOf(deps, db);
  let { key, result } = await readChanges(deps, db, plan.query);
  if (feed === 'longpoll' && result.results.length === 0 && !query.descending) {
    const caps = [deps.config.maxLongpollMs, int(q, 'timeout', 0), int(q, 'heartbeat', 0)];
    const wait = Math.min(...caps.filter((x): x is number => x !== undefined && x > 0));
    const deadline = Date.now() + wait;
    while (result.results.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      if (!(await waitForChange(deps, db, ctx.res, left, generation))) return; // client gone
      generation = generationOf(deps, db);
      ({ key, result } = await readChanges(deps, db, plan.query));
    }
  }
  // One answer text per read and reader: the long-polls one write wakes are answered with the
  // same bytes, serialised once (the JSON of 500 answers was a visible share of a profile).
  const user = ctx.state.user?.name;
  const text = await coalesced(deps, db, `answer\0${key}\0${user ?? ''}\0${shape}`, async () => {
    // CouchDB's `pending`: changes after last_seq (an upper bound, as in CouchDB); clients show progress with it.
    const top = await readUpdateSeq(deps, db);
    const pending = typeof top === 'number' && typeof result.last_seq === 'number' && !query.descending ? Math.max(0, top - result.last_seq) : undefined;
    return changesText(plan.rows(result.results), result.last_seq, pending, shape);
  });
  sendJsonText(ctx.res, 200, text);
}

/** A long-running feed re-checks its reader: disabled users and lost regions end it. */
async function stillAllowed(deps: Deps, ctx: RouteCtx): Promise<boolean> {
  const name = ctx.state.user?.name;
  if (!name) return false;
  const user = await deps.users.get(name);
  return !!user && !user.disabled && allows(principalOf(user), ctx.params.db!, 'read');
}

export function changesRoutes(router: Router<State>, deps: Deps): void {
  router.on(['GET', 'POST'], '/:db/_changes', (ctx) => changes(deps, ctx));
}
