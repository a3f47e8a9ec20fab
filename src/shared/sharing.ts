import type { Candidate } from './domain/candidate';
import { CANDIDATE_TYPE } from './domain/candidate';
import { NOTE_TYPE } from './domain/note';
import { REFERRAL_TYPE } from './domain/referral';

/**
 * The one place that says what crosses region borders. A candidate can be linked to several
 * regions; what is shared exists in each linked region's database with the same `_id` and
 * revision history (the server's fan-out copies it), everything else stays in the region that
 * wrote it. A kind not listed in SHARING is region-private: new kinds stay home unless added here.
 */

/**
 * The candidate's shared core: identity, contact details, phase, preferences, consent and the
 * links themselves. It is the whole candidate document: a region's internal information about a
 * person lives in other, region-private kinds (comments, tasks, contacts), never in the candidate.
 */
export const CANDIDATE_SHARED_FIELDS = [
  // identity and contact
  'id', 'type', 'firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'address', 'postcode', 'place',
  // journey
  'phase', 'phaseHistory',
  // preferences and background
  'sectors', 'functions', 'subjects', 'preferredRoute', 'currentProfession', 'educationLevel', 'motivation', 'source',
  // consent (AVG)
  'consent',
  // links, ownership and bookkeeping (merge clocks, audit)
  'regions', 'ownerRegion', 'owner', 'fieldClocks', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy',
] as const satisfies readonly (keyof Candidate)[];

/** Candidate fields that stay in one region. None today; the type check below keeps the lists complete. */
export const CANDIDATE_REGION_FIELDS = [] as const satisfies readonly (keyof Candidate)[];

type Classified = (typeof CANDIDATE_SHARED_FIELDS)[number] | (typeof CANDIDATE_REGION_FIELDS)[number];
// Fails to compile when a candidate field is added without saying whether it is shared.
type Unclassified = Exclude<keyof Candidate, Classified>;
export const ALL_CANDIDATE_FIELDS_CLASSIFIED: [Unclassified] extends [never] ? true : Unclassified = true;

/**
 * How far a kind travels:
 * - `candidate`: the candidate itself, to every region in its `regions`;
 * - `linked`: follows the candidate to every linked region (shared notes);
 * - `parties`: only to the two regions it names (`fromRegion`, `toRegion`: referrals).
 * A note with `visibility: 'region'` (a comment) is private whatever its kind says.
 */
export type Reach = 'candidate' | 'linked' | 'parties';

export const SHARING: Record<string, Reach> = {
  [CANDIDATE_TYPE]: 'candidate',
  [NOTE_TYPE]: 'linked',
  [REFERRAL_TYPE]: 'parties',
};

type Doc = Record<string, unknown>;

/** Whether a document may ever leave the region that wrote it. */
export function isShared(doc: Doc): boolean {
  const reach = typeof doc.type === 'string' ? SHARING[doc.type] : undefined;
  if (!reach) return false;
  if (doc.type === NOTE_TYPE) return doc.visibility === 'shared';
  return true;
}

/** The candidate a shared document is about (for the candidate itself: its own id), or null. */
export function candidateOf(doc: Doc): string | null {
  if (doc.type === CANDIDATE_TYPE) return typeof doc._id === 'string' ? doc._id : typeof doc.id === 'string' ? doc.id : null;
  return typeof doc.candidateId === 'string' ? doc.candidateId : null;
}

/**
 * Every region a document must exist in, given the candidate's linked regions as the source
 * database knows them (`linked`, null when the candidate is not there). Private documents: [].
 */
export function regionsFor(doc: Doc, linked: readonly string[] | null): string[] {
  if (!isShared(doc)) return [];
  const reach = SHARING[doc.type as string];
  if (reach === 'candidate') return Array.isArray(doc.regions) ? (doc.regions as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  if (reach === 'parties') return [doc.fromRegion, doc.toRegion].filter((r): r is string => typeof r === 'string');
  return linked ? [...linked] : [];
}

/** Who may unlink a region from a candidate: the owner region's editors, or a supervisor of the region. */
export function mayUnlink(c: Pick<Candidate, 'ownerRegion' | 'regions'>, region: string, actor: { region: string; role: string }): boolean {
  if (!c.regions.includes(region) || region === c.ownerRegion) return false;
  if (actor.region === c.ownerRegion) return actor.role === 'editor' || actor.role === 'supervisor';
  return actor.region === region && actor.role === 'supervisor';
}
