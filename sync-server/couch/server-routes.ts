import { allows } from '../access/guard';
import { unauthorized } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { Deps, State } from './deps';

/** `GET /` (the welcome clients check), `GET /_up`, `GET /_all_dbs`, `GET /_uuids`. */
export function serverRoutes(router: Router<State>, deps: Deps): void {
  router.on('GET', '/', ({ res }) =>
    sendJson(res, 200, {
      couchdb: 'Welcome',
      version: '3.3.3',
      vendor: { name: 'regiodesk', version: deps.version },
      uuid: deps.serverId,
    }),
  );

  router.on('GET', '/_up', ({ res }) => sendJson(res, 200, { status: 'ok' }));

  router.on('GET', '/_all_dbs', async ({ res, state }) => {
    if (!state.user) throw unauthorized();
    const user = state.user;
    const names = (await deps.store.list()).filter((db) => allows(user, db, 'read'));
    sendJson(res, 200, names);
  });

  router.on('GET', '/_uuids', ({ res, query }) => {
    const count = Math.min(Math.max(Number(query.get('count') ?? 1) || 1, 1), 1000);
    sendJson(res, 200, { uuids: Array.from({ length: count }, () => crypto.randomUUID().replace(/-/g, '')) });
  });
}
