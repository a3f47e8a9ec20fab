import { canManageRegion, canReadRegion, REGION_CODE } from '../../src/shared';
import { principalOf, type UserRecord } from '../auth/users';
import type { Deps, State } from '../couch/deps';
import { readJsonObject } from '../http/body';
import { badRequest, forbidden, notFound, unauthorized } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import { accessExport } from './access-export';
import { accessPdf } from './access-pdf';
import { AUDIT_WHAT, type AuditLog } from './audit';
import type { ErasedIds } from './erased-ids';
import { eraseCandidate, erasures } from './erase';
import { findCandidate } from './find-person';
import { extend, MAX_RETENTION_MONTHS, monthsBefore, overdue, retentionOf, setRetention } from './retention';
import type { Store, StoreDb } from '../store/types';

export interface PrivacyDeps {
  audit: AuditLog;
  privacyDb: StoreDb;
  /** The store without the audit wrapper: an erasure logs itself once, not once per purge. */
  store: Store;
  /** Erased people, refused on every later write (audited-store.ts); optional for older wiring. */
  erased?: ErasedIds;
}

function user(state: State): UserRecord {
  if (!state.user) throw unauthorized();
  return state.user;
}

function region(code: string | undefined): string {
  if (!code || !REGION_CODE.test(code)) throw badRequest('Unknown region code.');
  return code;
}

function candidateIdOf(v: unknown): string {
  if (typeof v !== 'string' || v === '' || v.length > 200 || v.startsWith('_')) throw badRequest('candidateId is required.');
  return v;
}

function manage(u: UserRecord, r: string): void {
  if (!canManageRegion(principalOf(u), r)) throw forbidden(`Only a supervisor of region ${r} or an administrator may do this.`);
}

/**
 * The privacy endpoints (AVG): audit log, erasure, right of access, retention. All under
 * `/_regiodesk/`, all behind a login; what each one allows is said at the route.
 */
export function privacyRoutes(router: Router<State>, deps: Deps, privacy: PrivacyDeps): void {
  const { audit, privacyDb } = privacy;

  /** The app reports that someone opened a candidate file (or exported it) while online. */
  router.on('POST', '/_regiodesk/audit', async (ctx) => {
    const u = user(ctx.state);
    const body = await readJsonObject(ctx.req, 16 * 1024);
    const r = region(typeof body.region === 'string' ? body.region : undefined);
    if (body.action !== 'viewed' && body.action !== 'exported') throw badRequest('action must be viewed or exported.');
    if (!canReadRegion(principalOf(u), r)) throw forbidden(`You are not a member of region ${r}.`);
    if (body.docId !== undefined && (typeof body.docId !== 'string' || body.docId.length > 200)) throw badRequest('docId must be a document id.');
    if (typeof body.what !== 'string' || !AUDIT_WHAT.test(body.what)) throw badRequest('what must be a short code such as candidate-file.');
    // A view made offline arrives later with the time it happened (at most 90 days back).
    const now = Date.now();
    const at = typeof body.at === 'string' ? Date.parse(body.at) : NaN;
    if (body.at !== undefined && (!Number.isFinite(at) || at > now + 5 * 60_000 || at < now - 90 * 86_400_000)) throw badRequest('at must be a recent ISO time.');
    const when = Number.isFinite(at) ? { at: new Date(at).toISOString(), receivedAt: new Date(now).toISOString() } : {};
    const entry = await audit.append({ region: r, user: u.name, action: body.action, what: body.what, ...when, ...(body.docId ? { docIds: [body.docId as string] } : {}) });
    sendJson(ctx.res, 201, { ok: true, id: entry.id });
  });

  /** Supervisors of the region read its log, newest first, in pages (`limit`, `before`). */
  router.on('GET', '/_regiodesk/audit/:region', async (ctx) => {
    const u = user(ctx.state);
    const r = region(ctx.params.region);
    manage(u, r);
    const limit = Number(ctx.query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('limit must be 1 to 500.');
    const before = ctx.query.get('before') ?? undefined;
    sendJson(ctx.res, 200, await audit.list(r, { limit, ...(before ? { before } : {}) }));
  });

  /** Erases a person everywhere: a supervisor of her owner region, or an administrator. */
  router.on('POST', '/_regiodesk/erase', async (ctx) => {
    const u = user(ctx.state);
    const body = await readJsonObject(ctx.req, 16 * 1024);
    const id = candidateIdOf(body.candidateId);
    const found = await findCandidate(deps.store, id);
    if (!found && !u.admin) throw notFound('No candidate with this id.');
    if (found && !u.admin) manage(u, String(found.doc.ownerRegion ?? found.region));
    // Refused from now on, before the purge starts, so no write slips in between.
    privacy.erased?.add(id);
    sendJson(ctx.res, 200, { ok: true, ...(await eraseCandidate({ store: privacy.store, audit, privacyDb }, id, u.name)) });
  });

  /** Erased ids of the user's regions: laptops drop these people at their next sync. */
  router.on('GET', '/_regiodesk/erasures', async (ctx) => {
    const u = user(ctx.state);
    const p = principalOf(u);
    const mine = u.admin ? null : (await deps.regions.list()).map((r) => r.code).filter((r) => canReadRegion(p, r));
    const list = await erasures(privacyDb, mine);
    sendJson(ctx.res, 200, { erasures: list.map((m) => ({ candidateId: m.candidateId, at: m.at })) });
  });

  /** Right of access: everything about a person the user may see, as JSON or (`?format=pdf`) a PDF. */
  router.on('GET', '/_regiodesk/access-export/:candidateId', async (ctx) => {
    const u = user(ctx.state);
    const id = candidateIdOf(ctx.params.candidateId);
    const exp = await accessExport(deps.store, principalOf(u), id);
    if (!exp) throw notFound('No candidate with this id in your regions.');
    const pdf = ctx.query.get('format') === 'pdf';
    for (const { region: r } of exp.regions) await audit.append({ region: r, user: u.name, action: 'exported', docIds: [id], what: pdf ? 'access-export pdf' : 'access-export json' });
    if (!pdf) {
      sendJson(ctx.res, 200, exp, { 'Content-Disposition': `attachment; filename="inzage-${id}.json"`, 'Cache-Control': 'no-store' });
      return;
    }
    const cand = exp.regions.flatMap((r) => r.documents).find((d) => d._id === id);
    const name = cand ? `${String(cand.firstName ?? '')} ${String(cand.lastName ?? '')}`.trim() : id;
    const bytes = accessPdf(exp, name);
    ctx.res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': bytes.byteLength,
      'Content-Disposition': `attachment; filename="inzage-${id}.pdf"`,
      'Cache-Control': 'no-store',
    });
    ctx.res.end(Buffer.from(bytes));
  });

  /** The region's retention period and the people past it. Supervisors and administrators. */
  router.on('GET', '/_regiodesk/retention/:region', async (ctx) => {
    const u = user(ctx.state);
    const r = region(ctx.params.region);
    manage(u, r);
    const db = await deps.store.open(`region-${r}`);
    if (!db) throw notFound('No such region.');
    const setting = await retentionOf(privacyDb, r);
    const now = new Date();
    sendJson(ctx.res, 200, { region: r, ...setting, cutoff: monthsBefore(now, setting.months).toISOString(), candidates: await overdue(db, privacyDb, r, setting.months, now) });
  });

  router.on('PUT', '/_regiodesk/retention/:region', async (ctx) => {
    const u = user(ctx.state);
    const r = region(ctx.params.region);
    manage(u, r);
    const body = await readJsonObject(ctx.req, 16 * 1024);
    const months = body.months;
    if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > MAX_RETENTION_MONTHS) {
      throw badRequest(`months must be a whole number from 1 to ${MAX_RETENTION_MONTHS}.`);
    }
    await setRetention(privacyDb, r, months, u.name);
    await audit.append({ region: r, user: u.name, action: 'retention', what: `months ${months}` });
    sendJson(ctx.res, 200, { ok: true, months });
  });

  /** Keeps a person past the period, with a reason (stored here, audited). */
  router.on('POST', '/_regiodesk/retention/:region/extend', async (ctx) => {
    const u = user(ctx.state);
    const r = region(ctx.params.region);
    manage(u, r);
    const body = await readJsonObject(ctx.req, 16 * 1024);
    const id = candidateIdOf(body.candidateId);
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (reason.length < 3 || reason.length > 500) throw badRequest('Give a reason (3 to 500 characters).');
    const setting = await retentionOf(privacyDb, r);
    const months = body.months === undefined ? setting.months : body.months;
    if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > MAX_RETENTION_MONTHS) throw badRequest('months must be a whole number.');
    const db = await deps.store.open(`region-${r}`);
    if (!db || !(await db.get(id).catch(() => null))) throw notFound('No candidate with this id in this region.');
    const now = new Date();
    const until = new Date(now);
    until.setUTCMonth(until.getUTCMonth() + months);
    await extend(privacyDb, { candidateId: id, region: r, until: until.toISOString(), reason, by: u.name, at: now.toISOString() });
    await audit.append({ region: r, user: u.name, action: 'extended', docIds: [id], what: `months ${months}` });
    sendJson(ctx.res, 200, { ok: true, until: until.toISOString() });
  });
}
