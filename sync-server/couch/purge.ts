import { readJsonObject } from '../http/body';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { Deps, State } from './deps';
import { assertDocId } from './docs-check';
import { openDb } from './open';
import { stringArray } from './query';

/**
 * `POST /db/_purge` as CouchDB 3 has it: `{docid: [leaf revs]}` → `{purge_seq, purged}`.
 * Administrators only (CouchDB's rule); the fan-out calls the store directly.
 */
export function purgeRoutes(router: Router<State>, deps: Deps): void {
  router.on('POST', '/:db/_purge', async (ctx) => {
    const db = await openDb(deps, ctx, 'admin');
    const body = await readJsonObject(ctx.req, deps.config.maxBodyBytes);
    const docs: Record<string, string[]> = {};
    for (const [id, revs] of Object.entries(body)) {
      assertDocId(id);
      docs[id] = stringArray(revs, `Revisions of ${id}`);
    }
    sendJson(ctx.res, 201, { purge_seq: null, purged: await db.purge(docs) });
  });
}
