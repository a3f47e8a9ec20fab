import { guardDb, type DbOp } from '../access/guard';
import { noDb } from '../http/errors';
import type { StoreDb } from '../store/types';
import type { Deps, RouteCtx } from './deps';

/** Checks access to the database named in the path, then opens it (404 when it does not exist). */
export async function openDb(deps: Deps, ctx: RouteCtx, op: DbOp): Promise<StoreDb> {
  const name = ctx.params.db!;
  guardDb(ctx.state.user, name, op);
  const db = await deps.store.open(name);
  if (!db) throw noDb();
  return db;
}
