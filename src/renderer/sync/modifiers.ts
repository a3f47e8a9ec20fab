import { clockOf, DELETED_CLOCK, DOCUMENT_KINDS, type Candidate } from '../../shared';

type Wire = Record<string, unknown>;
export type PulledCandidate = Candidate & { _deleted: boolean };

/**
 * What replication needs to know of a kind of document (its entry in DOCUMENT_KINDS):
 * the regions it belongs to, the region whose replication sends it, and a schema-valid
 * tombstone for deletion stubs pulled from the server.
 */
export interface ReplicatedKind {
  regionsOf(doc: never): string[];
  homeRegion?(doc: never): string;
  tombstone?(id: string, region: string): Wire;
}

export function kindOf(type: string): ReplicatedKind | null {
  return (DOCUMENT_KINDS as Record<string, ReplicatedKind>)[type] ?? null;
}

const candidateKind = kindOf('candidate')!;

/** The linked regions of a document; [] when its body is not of the kind (never throws). */
export function regionsOfDoc(kind: ReplicatedKind, doc: Wire): string[] {
  try {
    const r = (kind.regionsOf as (d: Wire) => unknown)(doc);
    return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The home region: the kind's `homeRegion`, else a `region` field, else its first linked region. */
export function homeRegionOf(kind: ReplicatedKind, doc: Wire): string | null {
  try {
    if (kind.homeRegion) return (kind.homeRegion as (d: Wire) => string)(doc) ?? null;
  } catch {
    /* fall through */
  }
  if (typeof doc.region === 'string') return doc.region;
  return regionsOfDoc(kind, doc)[0] ?? null;
}

/**
 * The one region of the user's through which a document goes out: its home region when she has
 * it, else the first of its linked regions she has; null when she has none (then it stays local).
 */
export function pushRegionOf(kind: ReplicatedKind, doc: Wire, userRegions: string[]): string | null {
  const home = homeRegionOf(kind, doc);
  if (home && userRegions.includes(home)) return home;
  return regionsOfDoc(kind, doc).find((r) => userRegions.includes(r)) ?? null;
}

/**
 * A document deleted on the server may arrive as a bare stub `{id, _deleted: true}`. The local
 * schema requires more, so the stub becomes the kind's tombstone (src/shared/sync/stubs.ts): it
 * passes validation and holds no personal data (an erasure must not leave names on a laptop).
 */
export function tombstone(id: string, region: string, kind: ReplicatedKind = candidateKind): Wire & { _deleted: true } {
  const body = kind.tombstone ? kind.tombstone(id, region) : { id };
  return { ...body, id, _deleted: true };
}

/**
 * Only the fields our schema knows: CouchDB's `_rev`, `_revisions`, `_conflicts`… stay out.
 * A key loop, not Object.entries: it runs for every pulled document, and the pairs array per
 * document was garbage the initial sync of 100,000 did not need (bench:sync profile).
 */
function stripCouchFields(doc: Wire): Wire {
  // RxDB hands the modifier its own copy with `_id` renamed and `_rev` deleted: then there is
  // nothing to strip and no reason for a third copy of every pulled document.
  if (typeof doc._deleted === 'boolean' && !hasCouchField(doc)) return doc;
  const out: Wire = {};
  for (const k of Object.keys(doc)) {
    if (k.charCodeAt(0) === 95 /* _ */ && k !== '_deleted') continue;
    out[k] = doc[k];
  }
  out._deleted = doc._deleted === true;
  return out;
}

/**
 * A tombstone keeps the clock of its deletion (no personal data), so that a re-creation of the
 * same id is judged against it (field-merge.ts, DELETED_CLOCK). Only when the deleted body had
 * field clocks: then the kind's schema has them.
 */
export function withDeletionClock<T extends Wire>(stone: T, deleted: Wire): T {
  const clock: unknown = clockOf(deleted, DELETED_CLOCK);
  return typeof clock === 'string' ? { ...stone, fieldClocks: { [DELETED_CLOCK]: clock } } : stone;
}

function hasCouchField(doc: Wire): boolean {
  for (const k of Object.keys(doc)) if (k.charCodeAt(0) === 95 /* _ */ && k !== '_deleted') return true;
  return false;
}

/** Pull modifier of the replication of one kind (default: candidates) with region `region`. */
export function pullModifierFor(region: string, kind: ReplicatedKind = candidateKind) {
  return (doc: Wire): Wire & { _deleted: boolean } => {
    const clean = stripCouchFields(doc);
    if (clean._deleted) {
      // A deletion, bare or with its body: keep nothing personal, only where it belonged.
      const home = clean.type !== undefined ? homeRegionOf(kind, clean) : null;
      return withDeletionClock(tombstone(String(clean.id), home ?? region, kind), clean);
    }
    return clean as Wire & { _deleted: boolean };
  };
}

/**
 * Push modifier of the replication with region `region`: every document goes out through exactly
 * one of the user's replications (pushRegionOf); the server's fan-out carries it to the other
 * linked regions. Without `userRegions`, only through its home region.
 */
export function pushModifierFor(region: string, userRegions?: string[], kind: ReplicatedKind = candidateKind) {
  return (doc: Wire): Wire | null => {
    const target = userRegions ? pushRegionOf(kind, doc, userRegions) : homeRegionOf(kind, doc);
    return target === region ? doc : null;
  };
}
