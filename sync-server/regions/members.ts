import { canReadRegion, REGION_CODE } from '../../src/shared';
import type { Deps, State } from '../couch/deps';
import { badRequest, forbidden, unauthorized } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';

/**
 * `GET /_regiodesk/regions/<code>/members`: the colleagues of a region (name and role, nothing
 * else), for anyone who may read the region: whom a task can be assigned to. Disabled users are
 * left out; administrators without a membership are not colleagues.
 */
export function memberRoutes(router: Router<State>, deps: Deps): void {
  router.on('GET', '/_regiodesk/regions/:code/members', async (ctx) => {
    const p = ctx.state.user;
    if (!p) throw unauthorized();
    const code = ctx.params.code ?? '';
    if (!REGION_CODE.test(code)) throw badRequest('Not a region code.');
    if (!canReadRegion(p, code)) throw forbidden('You are not a member of this region.');
    const members = (await deps.users.list())
      .filter((u) => !u.disabled)
      .flatMap((u) => u.memberships.filter((m) => m.region === code).map((m) => ({ name: u.name, role: m.role })))
      .sort((a, b) => a.name.localeCompare(b.name));
    sendJson(ctx.res, 200, { region: code, members });
  });
}
