import { clockOf, DELETED_CLOCK, DOCUMENT_KINDS, regionOfDb } from '../../src/shared';
import type { Json } from '../store/types';

/**
 * A deletion keeps no personal data on the server. Apps push a deletion with the document's last
 * body (RxDB sends the whole document with `_deleted`), and a stored revision is served again by
 * `GET ?rev=`, `_changes?include_docs` and fan-out; so in a region's database the body of a
 * deletion of a known kind is replaced by the kind's data-free tombstone for its home region
 * (what laptops keep locally, sync/stubs.ts), with only the deletion's clock
 * (`fieldClocks._deleted`, which decides between a deletion and a later re-creation) and the
 * CouchDB fields (`_id`, `_rev`, `_deleted`, `_revisions`). Bare deletions and other databases
 * (an admin's scratch databases, CouchDB clients' own test suites) are stored as sent.
 */
export function dataFreeDeletion(db: string, doc: Json): Json {
  if (doc._deleted !== true) return doc;
  const region = regionOfDb(db);
  const type = doc.type;
  if (region === null || typeof type !== 'string' || !(type in DOCUMENT_KINDS)) return doc;
  const kind = DOCUMENT_KINDS[type as keyof typeof DOCUMENT_KINDS] as {
    homeRegion?: (d: never) => string;
    tombstone: (id: string, region: string) => Record<string, unknown>;
  };
  let home = region;
  try {
    home = (kind.homeRegion ? kind.homeRegion(doc as never) : typeof doc.region === 'string' ? doc.region : region) || region;
  } catch {
    /* a body without its home field: the database's region */
  }
  const { id: _primary, ...fields } = kind.tombstone(String(doc._id), home);
  const out: Json = fields as Json;
  for (const key of Object.keys(doc)) if (key.startsWith('_')) out[key] = doc[key];
  const clock: unknown = clockOf(doc, DELETED_CLOCK);
  if (typeof clock === 'string') out.fieldClocks = { [DELETED_CLOCK]: clock };
  return out;
}
