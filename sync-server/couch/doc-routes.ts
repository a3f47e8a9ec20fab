import { readJson } from '../http/body';
import { badRequest, conflict, HttpError, notFound, unsupportedMedia } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { GetOptions, Json } from '../store/types';
import { writeDocs } from './bulk';
import type { Deps, RouteCtx, State } from './deps';
import { asDoc, assertDocId } from './docs-check';
import { openDb } from './open';
import { getSeen } from './private-views';
import { bool, json, stringArray } from './query';

function docIdOf(ctx: RouteCtx): string {
  const { prefix, id } = ctx.params;
  const full = prefix ? `${prefix}/${id}` : id!;
  assertDocId(full);
  return full;
}

async function getDoc(deps: Deps, ctx: RouteCtx): Promise<void> {
  const db = await openDb(deps, ctx, 'read');
  const id = docIdOf(ctx);
  const q = ctx.query;
  const opts: GetOptions = {};
  const rev = q.get('rev');
  if (rev) opts.rev = rev;
  for (const name of ['revs', 'revs_info', 'conflicts', 'deleted_conflicts', 'latest'] as const) {
    const v = bool(q, name);
    if (v !== undefined) opts[name] = v;
  }
  const openRevs = q.get('open_revs');
  if (openRevs !== null) opts.open_revs = openRevs === 'all' ? 'all' : stringArray(json(q, 'open_revs'), 'open_revs');
  const doc = getSeen((await db.get(id, opts)) as Json | Json[], ctx.state.user?.name);
  // CouchDB sends the revision as ETag; clients (nano's head) read it from there.
  const etag = !Array.isArray(doc) && typeof (doc as Json)._rev === 'string' ? ((doc as Json)._rev as string) : null;
  sendJson(ctx.res, 200, doc, etag ? { ETag: `"${etag}"` } : {});
}

/** Writes one document through the same checks as `_bulk_docs`; maps its result to a status. */
async function writeOne(deps: Deps, ctx: RouteCtx, doc: Json, local: boolean, okStatus = 201): Promise<void> {
  const db = await openDb(deps, ctx, local ? 'checkpoint' : 'write');
  const newEdits = bool(ctx.query, 'new_edits') ?? true;
  const [result] = await writeDocs(db, [doc], newEdits, deps.store, ctx.state.user?.name);
  if (!result) throw new HttpError(500, 'internal_server_error', 'No write result.');
  if ('ok' in result) {
    sendJson(ctx.res, okStatus, { ok: true, id: result.id, rev: result.rev ?? doc._rev });
    return;
  }
  if (result.error === 'conflict') throw conflict();
  if (result.error === 'forbidden') throw new HttpError(403, 'forbidden', result.reason);
  if (result.error === 'not_found') throw notFound(result.reason);
  throw new HttpError(400, result.error, result.reason);
}

async function putDoc(deps: Deps, ctx: RouteCtx, local: boolean): Promise<void> {
  const id = docIdOf(ctx);
  const doc = asDoc(await readJson(ctx.req, deps.config.maxBodyBytes));
  if (doc._id !== undefined && doc._id !== id) throw badRequest('Document id in the body does not match the URL.');
  const rev = ctx.query.get('rev');
  if (rev && doc._rev !== undefined && doc._rev !== rev) throw badRequest('Document rev from request body and query string have different values.');
  await writeOne(deps, ctx, { ...doc, _id: id, ...(rev ? { _rev: rev } : {}) }, local);
}

async function deleteDoc(deps: Deps, ctx: RouteCtx, local: boolean): Promise<void> {
  const id = docIdOf(ctx);
  const rev = ctx.query.get('rev');
  if (!rev && !local) throw conflict();
  // CouchDB answers a deletion with 200, not 201.
  await writeOne(deps, ctx, { _id: id, ...(rev ? { _rev: rev } : {}), _deleted: true }, local, 200);
}

/** Single documents, `_local/` checkpoints and `_design/` documents; attachments are refused. */
export function docRoutes(router: Router<State>, deps: Deps): void {
  router.on('GET', '/:db/:prefix/:id', async (ctx) => {
    if (ctx.params.prefix !== '_local' && ctx.params.prefix !== '_design') throw attachments();
    await getDoc(deps, ctx);
  });
  router.on('PUT', '/:db/:prefix/:id', async (ctx) => {
    if (ctx.params.prefix !== '_local' && ctx.params.prefix !== '_design') throw attachments();
    await putDoc(deps, ctx, ctx.params.prefix === '_local');
  });
  router.on('DELETE', '/:db/:prefix/:id', async (ctx) => {
    if (ctx.params.prefix !== '_local' && ctx.params.prefix !== '_design') throw attachments();
    await deleteDoc(deps, ctx, ctx.params.prefix === '_local');
  });
  router.on(['GET', 'PUT', 'DELETE', 'POST'], '/:db/:doc/:name/*rest', () => {
    throw attachments();
  });
  router.on('GET', '/:db/:id', (ctx) => getDoc(deps, ctx));
  router.on('PUT', '/:db/:id', (ctx) => putDoc(deps, ctx, false));
  router.on('DELETE', '/:db/:id', (ctx) => deleteDoc(deps, ctx, false));
  router.on('POST', '/:db', async (ctx) => {
    const doc = asDoc(await readJson(ctx.req, deps.config.maxBodyBytes));
    await writeOne(deps, ctx, doc, false);
  });
}

function attachments(): HttpError {
  return unsupportedMedia('Attachments are not supported by this server.');
}
