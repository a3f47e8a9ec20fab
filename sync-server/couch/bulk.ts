import { readJsonObject } from '../http/body';
import { badRequest } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { BulkResult, Json, Store, StoreDb } from '../store/types';
import type { Deps, RouteCtx, State } from './deps';
import { dataFreeDeletion } from './deletions';
import { asDoc, newDocId, writeProblem } from './docs-check';
import { linkProblems } from './link-check';
import { openDb } from './open';
import { allDocsSeen, bulkGetSeen, privateViewProblems } from './private-views';
import { bool, int, json, stringArray } from './query';

/**
 * Writes documents after checking each one, as CouchDB's validate_doc_update does: refused
 * documents get a per-document error, the others are written. Order of results = order of docs.
 * With `store`, documents about a candidate not linked to the database's region are refused too
 * (link-check.ts), and writes over private saved views of others than `user` (private-views.ts);
 * clients' writes pass these, the server's own writers call the store directly.
 */
export async function writeDocs(db: StoreDb, docs: Json[], newEdits: boolean, store?: Store, user?: string): Promise<BulkResult[]> {
  const results: (BulkResult | undefined)[] = new Array(docs.length);
  const accepted: Json[] = [];
  const positions: number[] = [];
  docs.forEach((doc, i) => {
    if (newEdits && doc._id === undefined) doc = { ...doc, _id: newDocId() };
    if (!newEdits && typeof doc._rev !== 'string') {
      results[i] = { id: String(doc._id ?? ''), error: 'bad_request', reason: 'With new_edits=false every document needs a _rev.' };
      return;
    }
    const problem = writeProblem(db.name, doc);
    if (problem) {
      results[i] = { id: typeof doc._id === 'string' ? doc._id : '', error: problem.error, reason: problem.reason };
      return;
    }
    accepted.push(doc);
    positions.push(i);
  });
  if (store) {
    const refused = await linkProblems(store, db.name, accepted);
    const views = await privateViewProblems(db, user, accepted);
    views.forEach((p, k) => (refused[k] ??= p));
    for (let k = refused.length - 1; k >= 0; k--) {
      const p = refused[k];
      if (!p) continue;
      results[positions[k]!] = { id: String(accepted[k]!._id), error: p.error, reason: p.reason };
      accepted.splice(k, 1);
      positions.splice(k, 1);
    }
  }
  // Checked with their bodies; stored without them (deletions.ts).
  const written = await db.bulkDocs(accepted.map((d) => dataFreeDeletion(db.name, d)), newEdits);
  written.forEach((r, k) => (results[positions[k]!] = r));
  return results.map((r, i) => r ?? { id: String(docs[i]!._id), error: 'unknown_error', reason: 'Not written.' });
}

async function bulkDocs(deps: Deps, ctx: RouteCtx): Promise<void> {
  const db = await openDb(deps, ctx, 'write');
  const body = await readJsonObject(ctx.req, deps.config.maxBodyBytes);
  if (!Array.isArray(body.docs)) throw badRequest('POST body must include `docs` parameter.');
  const docs = body.docs.map(asDoc);
  if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean') throw badRequest('new_edits must be a boolean.');
  const newEdits = body.new_edits !== false;
  const results = await writeDocs(db, docs, newEdits, deps.store, ctx.state.user?.name);
  // With new_edits=false CouchDB lists only the failures.
  sendJson(ctx.res, 201, newEdits ? results : results.filter((r) => 'error' in r));
}

async function allDocs(deps: Deps, ctx: RouteCtx): Promise<void> {
  const db = await openDb(deps, ctx, 'read');
  const q = ctx.query;
  const body = ctx.req.method === 'POST' ? await readJsonObject(ctx.req, deps.config.maxBodyBytes) : {};
  const pick = (name: string) => (body[name] !== undefined ? body[name] : json(q, name));
  const flag = (name: string) => (typeof body[name] === 'boolean' ? (body[name] as boolean) : bool(q, name));
  const opts: Parameters<StoreDb['allDocs']>[0] = {
    include_docs: flag('include_docs') ?? false,
    conflicts: flag('conflicts') ?? false,
    descending: flag('descending') ?? false,
    inclusive_end: flag('inclusive_end') ?? true,
  };
  const keys = pick('keys');
  if (keys !== undefined) opts.keys = stringArray(keys, 'keys');
  for (const [name, alias] of [['startkey', 'start_key'], ['endkey', 'end_key']] as const) {
    const v = pick(name) ?? pick(alias);
    if (v !== undefined) {
      if (typeof v !== 'string') throw badRequest(`${name} must be a JSON string.`);
      opts[name] = v;
    }
  }
  const limit = typeof body.limit === 'number' ? body.limit : int(q, 'limit');
  const skip = typeof body.skip === 'number' ? body.skip : int(q, 'skip');
  if (limit !== undefined) opts.limit = limit;
  if (skip !== undefined) opts.skip = skip;
  sendJson(ctx.res, 200, opts.include_docs ? allDocsSeen(await db.allDocs(opts), ctx.state.user?.name) : await db.allDocs(opts));
}

async function revsDiff(deps: Deps, ctx: RouteCtx): Promise<void> {
  const db = await openDb(deps, ctx, 'read');
  const body = await readJsonObject(ctx.req, deps.config.maxBodyBytes);
  const diff: Record<string, string[]> = {};
  for (const [id, revs] of Object.entries(body)) diff[id] = stringArray(revs, `Revisions of ${id}`);
  sendJson(ctx.res, 200, await db.revsDiff(diff));
}

async function bulkGet(deps: Deps, ctx: RouteCtx): Promise<void> {
  const db = await openDb(deps, ctx, 'read');
  const body = await readJsonObject(ctx.req, deps.config.maxBodyBytes);
  if (!Array.isArray(body.docs)) throw badRequest('POST body must include `docs` parameter.');
  const docs = body.docs.map((d) => {
    const x = asDoc(d);
    if (typeof x.id !== 'string' || (x.rev !== undefined && typeof x.rev !== 'string')) {
      throw badRequest('Each entry of docs needs a string id and an optional string rev.');
    }
    return { id: x.id, ...(typeof x.rev === 'string' ? { rev: x.rev } : {}) };
  });
  const revs = bool(ctx.query, 'revs') ?? false;
  const latest = bool(ctx.query, 'latest') ?? false;
  sendJson(ctx.res, 200, bulkGetSeen(await db.bulkGet(docs, { revs, latest }), ctx.state.user?.name));
}

export function bulkRoutes(router: Router<State>, deps: Deps): void {
  router.on('POST', '/:db/_bulk_docs', (ctx) => bulkDocs(deps, ctx));
  router.on(['GET', 'POST'], '/:db/_all_docs', (ctx) => allDocs(deps, ctx));
  router.on('POST', '/:db/_revs_diff', (ctx) => revsDiff(deps, ctx));
  router.on('POST', '/:db/_bulk_get', (ctx) => bulkGet(deps, ctx));
}
