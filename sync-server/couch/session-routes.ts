import { canReadRegion } from '../../src/shared';
import { clientIp, COOKIE_NAME, login } from '../auth/authenticate';
import { principalOf, rolesOf } from '../auth/users';
import { readJsonObject } from '../http/body';
import { badRequest } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { Deps, State } from './deps';

/** `Secure` under TLS (or behind a TLS proxy): the session never travels in clear text. */
function cookie(value: string, maxAge: number, secure = false): string {
  return `${COOKIE_NAME}=${value}; Version=1; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** CouchDB's cookie session API, with a `regiodesk` block telling the client its regions. */
export function sessionRoutes(router: Router<State>, deps: Deps): void {
  router.on('POST', '/_session', async ({ req, res }) => {
    const body = await readJsonObject(req, 64 * 1024, { allowForm: true });
    const { name, password } = body;
    if (typeof name !== 'string' || typeof password !== 'string' || name === '') {
      throw badRequest('Give name and password.');
    }
    const user = await login(deps.users, deps.throttle, name, password, clientIp(req));
    const token = deps.tokens.issue(user.name, user.passwordHash);
    sendJson(res, 200, { ok: true, name: user.name, roles: rolesOf(user) }, {
      'Set-Cookie': cookie(token, deps.config.sessionTtlSeconds, !!deps.config.tls || deps.config.secureCookies === true),
    });
  });

  router.on('GET', '/_session', async ({ res, state }) => {
    const user = state.user;
    const all = user ? await deps.regions.list() : [];
    const p = user ? principalOf(user) : null;
    sendJson(res, 200, {
      ok: true,
      userCtx: { name: user?.name ?? null, roles: user ? rolesOf(user) : [] },
      info: {
        authentication_handlers: ['cookie', 'default'],
        ...(state.method ? { authenticated: state.method === 'cookie' ? 'cookie' : 'basic' } : {}),
      },
      regiodesk: {
        admin: user?.admin ?? false,
        memberships: user?.memberships ?? [],
        regions: p ? all.filter((r) => canReadRegion(p, r.code)) : [],
      },
    });
  });

  router.on('DELETE', '/_session', ({ res }) => sendJson(res, 200, { ok: true }, { 'Set-Cookie': cookie('', 0, !!deps.config.tls || deps.config.secureCookies === true) }));
}
