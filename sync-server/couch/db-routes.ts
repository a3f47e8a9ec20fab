import { guardDb } from '../access/guard';
import { regionOfDb } from '../../src/shared';
import { forbidden, HttpError, noDb } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import { STORE_DB_NAME } from '../store/types';
import type { Deps, State } from './deps';
import { openDb } from './open';
import { forgetWatch } from './coalesce';

/** A database name a client may use: CouchDB's rule, no leading `_`, no `/`. */
export const CLIENT_DB_NAME = /^[a-z][a-z0-9_$()+-]{0,237}$/;

/** `GET /db/` (info) and `PUT /db/` (create; administrators only). */
export function dbRoutes(router: Router<State>, deps: Deps): void {
  router.on('GET', '/:db', async (ctx) => {
    const db = await openDb(deps, ctx, 'read');
    sendJson(ctx.res, 200, await db.info());
  });

  router.on('PUT', '/:db', async (ctx) => {
    const name = ctx.params.db!;
    guardDb(ctx.state.user, name, 'admin');
    if (!CLIENT_DB_NAME.test(name) || !STORE_DB_NAME.test(name)) {
      throw new HttpError(400, 'illegal_database_name', `Name: '${name}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, and - are allowed. Must begin with a letter.`);
    }
    if (!(await deps.store.create(name))) {
      throw new HttpError(412, 'file_exists', 'The database could not be created, the file already exists.');
    }
    forgetWatch(deps, name); // a database of this name deleted earlier: coalesce.ts must watch the new one
    sendJson(ctx.res, 201, { ok: true });
  });

  // An administrator's own databases may be deleted, as in CouchDB (client test suites do it);
  // region and internal databases hold the product's data and are never deleted over the API.
  router.on('DELETE', '/:db', async (ctx) => {
    const name = ctx.params.db!;
    guardDb(ctx.state.user, name, 'admin');
    if (regionOfDb(name) !== null) throw forbidden('Region databases cannot be deleted over the API.');
    if (!deps.store.destroy || !(await deps.store.destroy(name))) throw noDb();
    forgetWatch(deps, name);
    sendJson(ctx.res, 200, { ok: true });
  });
}
