import type { Candidate } from '../../shared';
import { candidateTombstone } from '../../shared/sync/stubs';

type Wire = Record<string, unknown>;
export type PulledCandidate = Candidate & { _deleted: boolean };

/**
 * A document deleted on the server arrives as a bare stub `{id, _deleted: true}`. The local
 * schema requires more, so the stub becomes the shared tombstone (src/shared/sync/stubs.ts): it
 * passes validation and holds no personal data (an erasure must not leave names on a laptop).
 */
export function tombstone(id: string, region: string): PulledCandidate {
  return { ...candidateTombstone(id, region), _deleted: true };
}

/** Only the fields our schema knows: CouchDB's `_rev`, `_revisions`, `_conflicts`… stay out. */
function stripCouchFields(doc: Wire): Wire {
  const out: Wire = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('_') && k !== '_deleted') continue;
    out[k] = v;
  }
  out._deleted = doc._deleted === true;
  return out;
}

/** Pull modifier of the replication with region `region`. */
export function pullModifierFor(region: string) {
  return (doc: Wire): PulledCandidate => {
    const clean = stripCouchFields(doc);
    if (clean._deleted && clean.type !== 'candidate') {
      return tombstone(String(clean.id), region);
    }
    if (clean._deleted) {
      // A deletion that still carries a body: keep nothing personal.
      return tombstone(String(clean.id), typeof clean.ownerRegion === 'string' ? clean.ownerRegion : region);
    }
    return clean as PulledCandidate;
  };
}

/**
 * Push modifier of the replication with region `region`: every document goes out through exactly
 * one replication, its owner region's; the server's fan-out carries it to the other linked regions.
 */
export function pushModifierFor(region: string) {
  return (doc: Wire): Wire | null => (doc.ownerRegion === region ? doc : null);
}
