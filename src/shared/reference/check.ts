import { fromWire } from '../domain/documents';
import { organisationSchema, REFERENCE_DB, REFERENCE_REGION } from '../domain/organisation';

/**
 * What the reference database accepts (null: fine): only valid reference organisations (and
 * deletions), so even an administrator's hand-written `_bulk_docs` cannot put a region's
 * records or personal data there. Other non-region databases are not checked here.
 */
export function checkReferenceDocument(db: string, doc: Record<string, unknown>): string | null {
  if (db !== REFERENCE_DB) return null;
  if (doc._deleted === true) return null;
  const r = organisationSchema.safeParse(fromWire(doc));
  if (!r.success) return `not a valid reference organisation: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`;
  if (r.data.region !== REFERENCE_REGION || r.data.source === undefined || r.data.source === 'region') {
    return `reference organisations have region "${REFERENCE_REGION}" and a public source (duo, programmes)`;
  }
  return null;
}
