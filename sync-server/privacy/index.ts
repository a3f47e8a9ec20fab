import type { Store } from '../store/types';
import { AuditLog } from './audit';
import { auditedStore } from './audited-store';
import { ErasedIds } from './erased-ids';
import { openPrivacyDb } from './privacy-db';

export { asActor } from './actor';
export { privacyRoutes } from './routes';

/** The privacy parts server.ts wires: the audit log, its database and the audited store. */
export async function openPrivacy(store: Store) {
  const audit = new AuditLog(store);
  const privacyDb = await openPrivacyDb(store);
  const erased = await ErasedIds.load(privacyDb);
  return { audit, privacyDb, erased, store: auditedStore(store, audit, erased) };
}
