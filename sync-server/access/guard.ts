import { canReadRegion, canWriteRegion, REFERENCE_DB, regionOfDb, type Principal } from '../../src/shared';
import { forbidden, unauthorized } from '../http/errors';

/**
 * What a request does to a database: read documents, write documents, write replication
 * checkpoints (`_local/`, allowed to readers as CouchDB does), or manage the database itself.
 */
export type DbOp = 'read' | 'write' | 'checkpoint' | 'admin';

export function isInternalDb(db: string): boolean {
  return db.startsWith('_');
}

/** Whether a principal may do `op` on database `db`; no database existence is implied. */
export function allows(p: Principal, db: string, op: DbOp): boolean {
  if (isInternalDb(db)) return false;
  // Reference data (DUO, programmes): every logged-in user reads it, only administrators write it.
  if (db === REFERENCE_DB) return op === 'read' || op === 'checkpoint' ? true : p.admin;
  const region = regionOfDb(db);
  if (region === null || op === 'admin') return p.admin;
  if (op === 'write') return canWriteRegion(p, region);
  return canReadRegion(p, region);
}

/** Throws 401 for anonymous requests and 403 when the principal may not do `op` on `db`. */
export function guardDb(p: Principal | null, db: string, op: DbOp): Principal {
  if (!p) throw unauthorized();
  if (allows(p, db, op)) return p;
  if (isInternalDb(db)) throw forbidden('This database is internal to the server.');
  if (db === REFERENCE_DB) throw forbidden('Only an administrator may change reference data.');
  const region = regionOfDb(db);
  if (region === null || op === 'admin') throw forbidden('Only an administrator may do this.');
  if (op === 'write' && canReadRegion(p, region)) {
    throw forbidden(`You may read but not write the documents of region ${region}.`);
  }
  throw forbidden(`You are not a member of region ${region}.`);
}
