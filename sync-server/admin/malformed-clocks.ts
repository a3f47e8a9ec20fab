import { createHash } from 'node:crypto';
import { HLC, regionOfDb } from '../../src/shared';
import type { Json, StoreDb } from '../store/types';
import { writeChildRevisions } from './child-revisions';

/**
 * Until 26 November the server checked the form of field clocks (src/shared/domain/fields.ts,
 * `fieldClocks`) only on notes, referrals and saved views: a candidate or a document of the other
 * kinds could be stored with any string as a clock. Such a clock is refused now, so a laptop
 * holding the document could not save it again: the app validates a document with the same
 * schema before it writes (a form's edit is refused before the stamp, field-merge.ts
 * `stampFields`, would drop the malformed clock). Compaction calls this for every region
 * database: the winning revision of each document that holds a malformed clock gets a revision on
 * top without it, which laptops pull as an ordinary update. The fields it stood for are left
 * without a clock, as in a document from before clocks (the three-way merge decides for them).
 *
 * As old-deletions.ts does, a new revision with an id derived from the document and the leaf:
 * every region database that holds a copy writes the same revision, so fan-out finds nothing to
 * copy and the copies do not become conflicting leaves. Running it again finds nothing left.
 */

/** The clocks of `doc` that have the clock's form, or null when all of them have it. */
function wellFormedClocks(doc: Json): Record<string, unknown> | null {
  const clocks = doc.fieldClocks;
  if (!clocks || typeof clocks !== 'object' || Array.isArray(clocks)) return null;
  const entries = Object.entries(clocks as Record<string, unknown>);
  const kept = entries.filter(([, c]) => typeof c === 'string' && HLC.test(c));
  return kept.length === entries.length ? null : Object.fromEntries(kept);
}

/** The revision to write on top of `doc` without its malformed clocks, or null when it has none. */
export function wellFormedChild(doc: Json): Json | null {
  if (typeof doc._rev !== 'string') return null;
  const clocks = wellFormedClocks(doc);
  if (clocks === null) return null;
  const { _revisions: _r, _conflicts: _c, ...stored } = doc;
  const leaf = doc._rev;
  const pos = Number(leaf.slice(0, leaf.indexOf('-'))) + 1;
  const hash = createHash('md5').update(`well-formed-clocks\u0000${String(doc._id)}\u0000${leaf}`).digest('hex');
  return { ...stored, fieldClocks: clocks, _rev: `${pos}-${hash}`, _revisions: { start: pos, ids: [hash, leaf.slice(leaf.indexOf('-') + 1)] } };
}

/**
 * Writes a revision without the malformed clocks on top of every document of a region database
 * whose winning revision holds one; answers how many it wrote. Other databases are left as they are.
 */
export async function dropMalformedClocks(db: StoreDb): Promise<number> {
  if (regionOfDb(db.name) === null) return 0;
  return writeChildRevisions(db, (rows) => rows.map((r) => (r.doc ? wellFormedChild(r.doc as Json) : null)).filter((d): d is Json => d !== null));
}
