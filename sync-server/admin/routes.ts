import { randomBytes } from 'node:crypto';
import { canManageRegion, REGION_CODE, REGION_ROLES, type Membership, type Principal } from '../../src/shared';
import { principalOf, USER_NAME, type UserRecord } from '../auth/users';
import type { Deps, RouteCtx, State } from '../couch/deps';
import { readJsonObject } from '../http/body';
import { badRequest, forbidden, HttpError, notFound, toHttpError, unauthorized } from '../http/errors';
import { ndjsonStream, wantsNdjson } from '../http/ndjson';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import { restoreBackup, writeBackup } from './backup';
import { dropMalformedClocks } from './malformed-clocks';
import { rewriteOldDeletions } from './old-deletions';

/**
 * Administration over HTTP under `/_regiodesk/admin/` (used by `npm run admin`): regions, users,
 * backup/restore and compaction are for administrators; a supervisor may list and manage the
 * users of the regions she supervises, and grant roles only in those regions.
 */
const ROLES = new Set<string>(REGION_ROLES.map((r) => r.code));
const MIN_PASSWORD = 8;

function me(ctx: RouteCtx): Principal & { record: UserRecord } {
  const u = ctx.state.user;
  if (!u) throw unauthorized();
  return { ...principalOf(u), record: u };
}

function requireAdmin(ctx: RouteCtx): void {
  if (!me(ctx).admin) throw forbidden('Only an administrator may do this.');
}

/** Whether `p` may manage `target`: admins always; supervisors for non-admins wholly inside their regions. */
function mayManage(p: Principal, target: UserRecord): boolean {
  if (p.admin) return true;
  if (target.admin) return false;
  return target.memberships.every((m) => canManageRegion(p, m.region));
}

function publicUser(u: UserRecord) {
  return { name: u.name, admin: u.admin, disabled: u.disabled === true, memberships: u.memberships };
}

function parseMemberships(value: unknown): Membership[] {
  if (!Array.isArray(value)) throw badRequest('memberships must be a list of {region, role}.');
  const seen = new Set<string>();
  return value.map((m) => {
    const x = m as { region?: unknown; role?: unknown };
    if (typeof x.region !== 'string' || !REGION_CODE.test(x.region)) throw badRequest(`Invalid region code: ${String(x.region)}`);
    if (typeof x.role !== 'string' || !ROLES.has(x.role)) throw badRequest(`Invalid role: ${String(x.role)} (use ${[...ROLES].join(', ')})`);
    if (seen.has(x.region)) throw badRequest(`Region ${x.region} is listed twice.`);
    seen.add(x.region);
    return { region: x.region, role: x.role as Membership['role'] };
  });
}

async function checkRegionsExist(deps: Deps, ms: Membership[]): Promise<void> {
  const known = new Set((await deps.regions.list()).map((r) => r.code));
  const missing = ms.find((m) => !known.has(m.region));
  if (missing) throw new HttpError(404, 'not_found', `Region ${missing.region} does not exist; add it first.`);
}

function checkPassword(value: unknown): string {
  if (typeof value !== 'string' || value.length < MIN_PASSWORD) throw badRequest(`A password needs at least ${MIN_PASSWORD} characters.`);
  return value;
}

export function adminRoutes(router: Router<State>, deps: Deps): void {
  router.on('GET', '/_regiodesk/admin/regions', async (ctx) => {
    requireAdmin(ctx);
    sendJson(ctx.res, 200, await deps.regions.list());
  });

  router.on('POST', '/_regiodesk/admin/regions', async (ctx) => {
    requireAdmin(ctx);
    const body = await readJsonObject(ctx.req, 64 * 1024);
    if (typeof body.code !== 'string' || !REGION_CODE.test(body.code)) throw badRequest('Give a region code: lowercase letters, digits and -.');
    if (typeof body.name !== 'string' || body.name.trim() === '') throw badRequest('Give the region a name.');
    const existed = (await deps.regions.list()).some((r) => r.code === body.code);
    await deps.regions.addRegion({ code: body.code, name: body.name });
    sendJson(ctx.res, existed ? 200 : 201, { ok: true, code: body.code, name: body.name.trim() });
  });

  router.on('GET', '/_regiodesk/admin/users', async (ctx) => {
    const p = me(ctx);
    const all = await deps.users.list();
    if (!p.admin && !p.memberships.some((m) => m.role === 'supervisor')) throw forbidden('Only administrators and supervisors manage users.');
    sendJson(ctx.res, 200, all.filter((u) => p.admin || (mayManage(p, u) && u.memberships.length > 0)).map(publicUser));
  });

  router.on('POST', '/_regiodesk/admin/users', async (ctx) => {
    const p = me(ctx);
    const body = await readJsonObject(ctx.req, 64 * 1024);
    if (typeof body.name !== 'string' || !USER_NAME.test(body.name)) throw badRequest('Give a user name: lowercase letters, digits, and . _ @ -.');
    const memberships = parseMemberships(body.memberships ?? []);
    const admin = body.admin === true;
    if (admin && !p.admin) throw forbidden('Only an administrator may create administrators.');
    if (!p.admin && (memberships.length === 0 || !memberships.every((m) => canManageRegion(p, m.region)))) {
      throw forbidden('A supervisor may only add users to the regions she supervises.');
    }
    await checkRegionsExist(deps, memberships);
    if (await deps.users.get(body.name)) throw new HttpError(409, 'conflict', `User ${body.name} already exists.`);
    const generated = body.password === undefined;
    const password = generated ? randomBytes(12).toString('base64url') : checkPassword(body.password);
    const user = await deps.users.createUser({ name: body.name, password, admin, memberships });
    sendJson(ctx.res, 201, { ok: true, user: publicUser(user), ...(generated ? { password } : {}) });
  });

  router.on('PATCH', '/_regiodesk/admin/users/:name', async (ctx) => {
    const p = me(ctx);
    if (!p.admin && !p.memberships.some((m) => m.role === 'supervisor')) throw forbidden('Only administrators and supervisors manage users.');
    const target = await deps.users.get(ctx.params.name!);
    if (!target || !mayManage(p, target)) throw notFound(`No user ${ctx.params.name} that you manage.`);
    const body = await readJsonObject(ctx.req, 64 * 1024);
    const change: { admin?: boolean; memberships?: Membership[]; disabled?: boolean } = {};
    if (body.memberships !== undefined) {
      const ms = parseMemberships(body.memberships);
      if (!p.admin && !ms.every((m) => canManageRegion(p, m.region))) throw forbidden('A supervisor may only grant roles in the regions she supervises.');
      await checkRegionsExist(deps, ms);
      change.memberships = ms;
    }
    if (body.admin !== undefined) {
      if (typeof body.admin !== 'boolean') throw badRequest('admin must be true or false.');
      if (!p.admin) throw forbidden('Only an administrator may change who is an administrator.');
      if (!body.admin && target.name === p.name) throw badRequest('You cannot take away your own administrator rights.');
      change.admin = body.admin;
    }
    if (body.disabled !== undefined) {
      if (typeof body.disabled !== 'boolean') throw badRequest('disabled must be true or false.');
      if (body.disabled && target.name === p.name) throw badRequest('You cannot disable yourself.');
      change.disabled = body.disabled;
    }
    let password: string | undefined;
    if (body.password !== undefined) {
      password = body.password === null ? randomBytes(12).toString('base64url') : checkPassword(body.password);
    }
    if (Object.keys(change).length === 0 && password === undefined) throw badRequest('Nothing to change: give memberships, admin, disabled or password.');
    if (Object.keys(change).length > 0) await deps.users.update(target.name, change);
    // A new password changes the hash, which ends every session of the user.
    if (password !== undefined) await deps.users.setPassword(target.name, password);
    const updated = (await deps.users.get(target.name))!;
    sendJson(ctx.res, 200, { ok: true, user: publicUser(updated), ...(body.password === null ? { password } : {}) });
  });

  router.on('GET', '/_regiodesk/admin/backup', async (ctx) => {
    requireAdmin(ctx);
    await writeBackup(deps.store, ctx.res);
  });

  /**
   * Restore of a backup. As compaction below: a client asking for NDJSON (the admin CLI) gets
   * the headers at once, a progress line per batch written, heartbeats, then `{result}` or
   * `{error, reason}`, since writing a large backup back takes longer than an HTTP client waits
   * for headers; what was written before an error stays written, as before. Others get one JSON
   * answer at the end.
   */
  router.on('POST', '/_regiodesk/admin/restore', async (ctx) => {
    requireAdmin(ctx);
    const stream = wantsNdjson(ctx.req) ? ndjsonStream(ctx.res) : null;
    try {
      const counts = await restoreBackup(deps.store, ctx.req, stream ? (progress) => stream.line({ progress }) : undefined);
      const result = { ok: true, restored: counts };
      if (!stream) return sendJson(ctx.res, 200, result);
      stream.line({ result });
      stream.end();
    } catch (err) {
      // The rest of a refused backup is read and dropped: left unread, the client's upload stalls
      // and holds its connection (the next request on it never got an answer).
      ctx.req.resume();
      if (!stream) throw err;
      const e = toHttpError(err);
      stream.line({ error: e.error, reason: e.reason });
      stream.end();
    }
  });

  /**
   * Compaction of every database. A client asking for NDJSON (the admin CLI) gets the answer's
   * headers at once, a progress line per database and heartbeats, then `{result}` or
   * `{error, reason}`: on a large installation this takes longer than an HTTP client waits for
   * headers. Others get one JSON answer at the end, as before.
   */
  router.on('POST', '/_regiodesk/admin/compact', async (ctx) => {
    requireAdmin(ctx);
    const names = await deps.store.list();
    const stream = wantsNdjson(ctx.req) ? ndjsonStream(ctx.res) : null;
    try {
      // Old deletions first (old-deletions.ts): their bodies become non-leaf revisions, which the
      // compaction right after drops.
      let deletionsRewritten = 0;
      let clocksRewritten = 0;
      let done = 0;
      for (const name of names) {
        const db = await deps.store.open(name);
        if (db) {
          deletionsRewritten += await rewriteOldDeletions(db);
          // Malformed field clocks stored before every kind's were checked (malformed-clocks.ts).
          clocksRewritten += await dropMalformedClocks(db);
          await db.compact?.();
        }
        stream?.line({ progress: { done: ++done, total: names.length, db: name } });
      }
      // CouchDB compacts in the background (store/couchdb.ts): the old bodies go when it is done.
      const result = { ok: true, compacted: names, deletionsRewritten, clocksRewritten, background: deps.config.couchdbUrl !== undefined };
      if (!stream) return sendJson(ctx.res, 200, result);
      stream.line({ result });
      stream.end();
    } catch (err) {
      if (!stream) throw err;
      const e = toHttpError(err);
      stream.line({ error: e.error, reason: e.reason });
      stream.end();
    }
  });
}
