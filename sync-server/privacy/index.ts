import type { Store } from '../store/types';
import { logJson, errorFields } from '../security/log';
import { AuditLog } from './audit';
import { auditRetentionMonths, scheduleAuditRetention } from './audit-retention';
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
  // Audit entries older than REGIODESK_AUDIT_RETENTION_MONTHS (24) go at start and daily; `stop` before closing the store.
  const retention = scheduleAuditRetention(
    audit,
    auditRetentionMonths(),
    (err) => logJson('error', 'audit_retention_failed', errorFields(err)),
    (trimmed) => {
      if (Object.values(trimmed).some((n) => n > 0)) logJson('info', 'audit_trimmed', { entries: trimmed });
    },
  );
  return { audit, privacyDb, erased, store: auditedStore(store, audit, erased), stop: retention.stop };
}
