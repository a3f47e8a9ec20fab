import { canManageRegion, REGION_CODE, SUPPRESS_BELOW, suppressSmallCells, type FiguresResponse, type Principal, type ScopeFigures } from '../../src/shared';
import { quarterReport, suppressReport } from '../../src/shared/report/compute';
import { isQuarter } from '../../src/shared/report/quarter';
import { principalOf } from '../auth/users';
import type { Deps, RouteCtx, State } from '../couch/deps';
import { readJsonObject } from '../http/body';
import { badRequest, forbidden, HttpError, notFound, unauthorized } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import { ALLIANCE_ID, Alliances, type Alliance } from './alliances';
import { RegionCandidates } from './source';

/**
 * Figures beyond one's own region and the quarterly report:
 * - `GET /_regiodesk/figures`: counts for the user's regions (as they are), every alliance holding
 *   one of them, every other region and the country (`nl`), small cells suppressed outside her own;
 * - `GET /_regiodesk/alliances`: the configured alliances (names and regions, no figures);
 * - `GET|POST|DELETE /_regiodesk/admin/alliances[/:id]`: administrators configure alliances;
 * - `GET /_regiodesk/report?quarter=2026Q3&region=twente|alliance=id`: the report model for an
 *   administrator or a supervisor (of that region; of a region in that alliance). A region's own
 *   report is unsuppressed (she sees its candidates anyway); an alliance's is suppressed.
 */
const MAX_NAME = 100;

function principal(ctx: RouteCtx): Principal {
  const u = ctx.state.user;
  if (!u) throw unauthorized();
  return principalOf(u);
}

function parseAlliance(body: Record<string, unknown>, known: Set<string>, id?: string): Alliance {
  const allianceId = id ?? body.id;
  if (typeof allianceId !== 'string' || !ALLIANCE_ID.test(allianceId)) throw badRequest('Give an alliance id: lowercase letters, digits and -.');
  if (typeof body.name !== 'string' || body.name.trim() === '' || body.name.length > MAX_NAME) throw badRequest(`Give the alliance a name of at most ${MAX_NAME} characters.`);
  if (!Array.isArray(body.regions) || body.regions.length === 0) throw badRequest('Give the regions of the alliance: a list of region codes.');
  const regions = [...new Set(body.regions)];
  for (const r of regions) {
    if (typeof r !== 'string' || !REGION_CODE.test(r)) throw badRequest(`Invalid region code: ${String(r)}`);
    if (!known.has(r)) throw new HttpError(404, 'not_found', `Region ${r} does not exist; add it first.`);
  }
  return { id: allianceId, name: body.name.trim(), regions: regions as string[] };
}

export async function figuresRoutes(router: Router<State>, deps: Deps): Promise<void> {
  const alliances = await Alliances.open(deps.store);
  const source = new RegionCandidates(deps.store);

  router.on('GET', '/_regiodesk/figures', async (ctx) => {
    const p = principal(ctx);
    const own = new Set(p.memberships.map((m) => m.region));
    const regions = await deps.regions.list();
    const scopes: ScopeFigures[] = [];
    for (const r of regions.filter((x) => own.has(x.code))) scopes.push({ scope: 'region', id: r.code, name: r.name, figures: await source.figures(r.code) });
    for (const a of await alliances.list()) {
      if (!a.regions.some((r) => own.has(r))) continue;
      scopes.push({ scope: 'alliance', id: a.id, name: a.name, figures: suppressSmallCells(await source.union(a.regions)) });
    }
    for (const r of regions.filter((x) => !own.has(x.code))) scopes.push({ scope: 'region', id: r.code, name: r.name, figures: suppressSmallCells(await source.figures(r.code)) });
    scopes.push({ scope: 'country', id: 'nl', name: 'Nederland', figures: suppressSmallCells(await source.union(regions.map((r) => r.code))) });
    const body: FiguresResponse = { generatedAt: new Date().toISOString(), suppressBelow: SUPPRESS_BELOW, scopes };
    sendJson(ctx.res, 200, body);
  });

  router.on('GET', '/_regiodesk/alliances', async (ctx) => {
    principal(ctx);
    sendJson(ctx.res, 200, { alliances: await alliances.list() });
  });

  router.on('GET', '/_regiodesk/admin/alliances', async (ctx) => {
    if (!principal(ctx).admin) throw forbidden('Only an administrator may do this.');
    sendJson(ctx.res, 200, await alliances.list());
  });

  router.on('POST', '/_regiodesk/admin/alliances', async (ctx) => {
    if (!principal(ctx).admin) throw forbidden('Only an administrator may do this.');
    const body = await readJsonObject(ctx.req, 64 * 1024);
    const known = new Set((await deps.regions.list()).map((r) => r.code));
    const a = parseAlliance(body, known);
    const created = await alliances.put(a);
    sendJson(ctx.res, created ? 201 : 200, { ok: true, alliance: a });
  });

  router.on('DELETE', '/_regiodesk/admin/alliances/:id', async (ctx) => {
    if (!principal(ctx).admin) throw forbidden('Only an administrator may do this.');
    if (!(await alliances.remove(ctx.params.id!))) throw notFound(`No alliance ${ctx.params.id}.`);
    sendJson(ctx.res, 200, { ok: true });
  });

  router.on('GET', '/_regiodesk/report', async (ctx) => {
    const p = principal(ctx);
    if (!p.admin && !p.memberships.some((m) => m.role === 'supervisor')) throw forbidden('Only administrators and supervisors make quarterly reports.');
    const quarter = ctx.query.get('quarter');
    if (!isQuarter(quarter)) throw badRequest('Give a quarter as YYYYQn, e.g. 2026Q3.');
    const region = ctx.query.get('region');
    const allianceId = ctx.query.get('alliance');
    if ((region === null) === (allianceId === null)) throw badRequest('Give either region or alliance.');
    if (region !== null) {
      if (!REGION_CODE.test(region)) throw badRequest('Invalid region code.');
      const r = (await deps.regions.list()).find((x) => x.code === region);
      if (!r) throw notFound(`No region ${region}.`);
      if (!canManageRegion(p, region)) throw forbidden('Only a supervisor of the region makes its report.');
      const report = quarterReport(await source.candidates(region), quarter, { scope: 'region', id: r.code, name: r.name, regions: [r.code] });
      sendJson(ctx.res, 200, report);
      return;
    }
    if (!ALLIANCE_ID.test(allianceId!)) throw badRequest('Invalid alliance id.');
    const a = await alliances.get(allianceId!);
    if (!a) throw notFound(`No alliance ${allianceId}.`);
    if (!p.admin && !a.regions.some((r) => canManageRegion(p, r))) throw forbidden('Only a supervisor of one of its regions makes an alliance report.');
    const report = quarterReport(await source.unionCandidates(a.regions), quarter, { scope: 'alliance', id: a.id, name: a.name, regions: a.regions });
    sendJson(ctx.res, 200, suppressReport(report, SUPPRESS_BELOW));
  });
}
