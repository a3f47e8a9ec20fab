import { canManageRegion, canReadRegion, canWriteRegion, CANDIDATE_TYPE, normalizeEmail, phoneDigits, regionDbName, regionOfDb, REGION_CODE } from '../../src/shared';
import type { Deps, State } from '../couch/deps';
import { readJsonObject } from '../http/body';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { Json } from '../store/types';
import { serverEdit } from './stamp';

const fold = (s: unknown) => (typeof s === 'string' ? s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ') : '');
// +31 6… and 06… are the same number (phoneDigits folds the country code).
const digits = (s: unknown) => (typeof s === 'string' ? phoneDigits(s) : '');

export interface DuplicateQuery {
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
}

/** Whether a stored candidate is the same person: same e-mail, or phone, or name + date of birth. */
export function sameperson(q: DuplicateQuery, c: Json): boolean {
  if (q.email && typeof c.email === 'string' && normalizeEmail(q.email) === normalizeEmail(c.email)) return true;
  const p = digits(q.phone);
  if (p.length >= 8 && p === digits(c.phone)) return true;
  return !!q.dateOfBirth && q.dateOfBirth === c.dateOfBirth && !!q.lastName && fold(q.firstName) === fold(c.firstName) && fold(q.lastName) === fold(c.lastName);
}

/**
 * Cross-region routes:
 * - `GET /_regiodesk/regions`: every region's code and name (to link or refer to), for any user;
 * - `POST /_regiodesk/duplicates`: whether the person exists in another region. The answer names
 *   the regions with a match and nothing else about the person (no id, no fields), so an
 *   advisor may ask to be linked instead of creating a duplicate.
 */
export function crossRegionRoutes(router: Router<State>, deps: Deps): void {
  router.on('GET', '/_regiodesk/regions', async (ctx) => {
    if (!ctx.state.user) throw unauthorized();
    sendJson(ctx.res, 200, { regions: await deps.regions.list() });
  });

  /**
   * Unlinks `region` from a candidate on behalf of a supervisor of that region (who cannot write
   * in the owner region's database) or an editor of the owner region: the change is written in
   * the owner region's database and the fan-out purges the candidate from `region`.
   */
  router.on('POST', '/_regiodesk/unlink', async (ctx) => {
    const p = ctx.state.user;
    if (!p) throw unauthorized();
    const body = await readJsonObject(ctx.req, 64 * 1024);
    const { candidateId, region } = body;
    if (typeof candidateId !== 'string' || typeof region !== 'string' || !REGION_CODE.test(region)) throw badRequest('candidateId and region are required.');
    // The candidate as one of the user's own regions knows it (the region itself first).
    let cand: Json | null = null;
    const mine = (await deps.regions.list()).map((r) => r.code).filter((r) => canReadRegion(p, r));
    for (const r of [region, ...mine.filter((x) => x !== region)]) {
      if (!canReadRegion(p, r)) continue;
      const db = await deps.store.open(regionDbName(r));
      const doc = db ? ((await db.get(candidateId).catch(() => null)) as Json | null) : null;
      if (doc && doc.type === CANDIDATE_TYPE) {
        cand = doc;
        break;
      }
    }
    if (!cand) throw notFound();
    const owner = String(cand.ownerRegion);
    if (owner === region) throw badRequest('The owner region cannot be unlinked.');
    if (!canManageRegion(p, region) && !canWriteRegion(p, owner)) throw forbidden('Only the owner region or a supervisor of this region may unlink.');
    const ownerDb = await deps.store.open(regionDbName(owner));
    if (!ownerDb) throw notFound();
    for (let attempt = 0; attempt < 3; attempt++) {
      const cur = (await ownerDb.get(candidateId)) as Json;
      const regions = (cur.regions as string[]).filter((r) => r !== region);
      if (regions.length === (cur.regions as string[]).length) return sendJson(ctx.res, 200, { ok: true });
      const [r] = await ownerDb.bulkDocs([serverEdit(cur, { ...cur, regions, updatedAt: new Date().toISOString(), updatedBy: p.name })], true);
      if (r && 'ok' in r) return sendJson(ctx.res, 200, { ok: true });
    }
    throw conflict();
  });

  router.on('POST', '/_regiodesk/duplicates', async (ctx) => {
    const p = ctx.state.user;
    if (!p) throw unauthorized();
    const body = await readJsonObject(ctx.req, 64 * 1024);
    const q: DuplicateQuery = {};
    for (const k of ['email', 'phone', 'firstName', 'lastName', 'dateOfBirth'] as const) {
      const v = body[k];
      if (v === undefined || v === null || v === '') continue;
      if (typeof v !== 'string' || v.length > 254) throw badRequest(`${k} must be a short string.`);
      q[k] = v;
    }
    const exclude = typeof body.exclude === 'string' ? body.exclude : undefined;
    const names = new Map((await deps.regions.list()).map((r) => [r.code, r.name]));
    const matches: { region: string; name: string; yours: boolean }[] = [];
    for (const dbName of await deps.store.list()) {
      const region = regionOfDb(dbName);
      if (!region) continue;
      const db = await deps.store.open(dbName);
      if (!db) continue;
      const rows = ((await db.allDocs({ include_docs: true })) as { rows: { id: string; doc?: Json }[] }).rows;
      const hit = rows.some((r) => r.id !== exclude && r.doc?.type === CANDIDATE_TYPE && r.doc._deleted !== true && r.doc.ownerRegion === region && sameperson(q, r.doc));
      if (hit) matches.push({ region, name: names.get(region) ?? region, yours: canReadRegion(p, region) });
    }
    sendJson(ctx.res, 200, { matches });
  });
}
