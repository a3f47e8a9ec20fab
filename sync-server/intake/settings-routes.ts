import { canManageRegion, canReadRegion, REGION_CODE } from '../../src/shared';
import { principalOf } from '../auth/users';
import { readJsonObject } from '../http/body';
import { badRequest, forbidden, notFound, unauthorized } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { Deps, RouteCtx, State } from '../couch/deps';
import { MAX_ORIGINS, normalizeOrigin, type IntakeSettingsStore } from './settings';

async function regionOf(ctx: RouteCtx, settings: IntakeSettingsStore, need: 'read' | 'manage') {
  const region = ctx.params.region!;
  const user = ctx.state.user;
  if (!user) throw unauthorized();
  const p = principalOf(user);
  if (!(need === 'read' ? canReadRegion(p, region) : canManageRegion(p, region))) {
    throw forbidden(need === 'read' ? 'You have no access to this region.' : 'Only a coordinator of this region or an admin may change its intake settings.');
  }
  const known = REGION_CODE.test(region) ? await settings.get(region) : null;
  if (!known) throw notFound('Unknown region.');
  return { region, known };
}

/**
 * `GET /intake/<region>/settings` (anyone of the region) and `PUT` (coordinators, admins):
 * the website origins allowed to send the region's intake form, `{ origins: [...] }`.
 */
export function intakeSettingsRoutes(router: Router<State>, deps: Deps, settings: IntakeSettingsStore): void {
  router.on('GET', '/intake/:region/settings', async (ctx) => {
    const { region, known } = await regionOf(ctx, settings, 'read');
    sendJson(ctx.res, 200, { region, name: known.name, origins: known.settings.origins });
  });

  router.on('PUT', '/intake/:region/settings', async (ctx) => {
    const { region } = await regionOf(ctx, settings, 'manage');
    const body = await readJsonObject(ctx.req, 64 * 1024);
    if (!Array.isArray(body.origins) || body.origins.length > MAX_ORIGINS) {
      throw badRequest(`origins must be a list of at most ${MAX_ORIGINS} website addresses.`);
    }
    const origins: string[] = [];
    for (const raw of body.origins) {
      const o = typeof raw === 'string' ? normalizeOrigin(raw) : null;
      if (!o) throw badRequest(`Not a website origin (https://host[:port]): ${JSON.stringify(raw).slice(0, 100)}`);
      if (!origins.includes(o)) origins.push(o);
    }
    await settings.set(region, { origins });
    sendJson(ctx.res, 200, { ok: true, region, origins });
  });
  void deps;
}
