import type { Candidate } from '../domain/candidate';

/** The fields a person chooses between when merging duplicates; the rest follows the kept record. */
export const MERGE_FIELDS = [
  'firstName', 'lastName', 'phase', 'email', 'phone', 'dateOfBirth', 'place', 'postcode', 'address', 'sectors', 'functions', 'subjects',
  'currentProfession', 'educationLevel', 'preferredRoute', 'motivation', 'source', 'consent', 'owner',
] as const satisfies readonly (keyof Candidate)[];

export type MergeField = (typeof MERGE_FIELDS)[number];

/** Field → id of the candidate whose value wins. */
export type MergeChoice = Partial<Record<MergeField, string>>;

/** Default choice per field: the kept record's value, or the first other record that has one. */
export function defaultChoice(keep: Candidate, others: readonly Candidate[]): MergeChoice {
  const out: MergeChoice = {};
  const has = (c: Candidate, f: MergeField) => {
    const v = c[f];
    return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  };
  for (const f of MERGE_FIELDS) out[f] = has(keep, f) ? keep.id : (others.find((o) => has(o, f))?.id ?? keep.id);
  return out;
}

/**
 * The surviving candidate: the kept record with each chosen field taken from its chosen record,
 * linked to every region of all of them, with their phase histories joined in time order.
 */
export function mergeCandidates(keep: Candidate, others: readonly Candidate[], choice: MergeChoice, by: string, now: string): Candidate {
  const byId = new Map([keep, ...others].map((c) => [c.id, c]));
  const merged: Record<string, unknown> = { ...keep };
  for (const f of MERGE_FIELDS) {
    const from = byId.get(choice[f] ?? keep.id) ?? keep;
    const v = from[f];
    if (v === undefined) delete merged[f];
    else merged[f] = structuredClone(v);
  }
  merged.regions = [...new Set([keep, ...others].flatMap((c) => c.regions))].slice(0, 50);
  const history = [keep, ...others].flatMap((c) => c.phaseHistory ?? []).sort((a, b) => a.at.localeCompare(b.at));
  if (history.length) merged.phaseHistory = history.slice(-500);
  merged.createdAt = [keep, ...others].map((c) => c.createdAt).sort()[0];
  merged.updatedAt = now;
  merged.updatedBy = by;
  return merged as Candidate;
}

/** The id of a child document (note, task, contact, …) moved from one candidate to another. */
export function repointChildId(childId: string, fromCandidate: string, toCandidate: string): string {
  return childId.startsWith(fromCandidate + ':') ? toCandidate + childId.slice(fromCandidate.length) : childId;
}

/** How many of the merge fields a record has filled in. */
function filled(c: Candidate): number {
  return MERGE_FIELDS.filter((f) => {
    const v = c[f];
    return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  }).length;
}

/**
 * A duplicate group in the order the merge screen offers it: the record kept by default first.
 * That is the oldest; among records made at the same moment (one import), the fullest, so the
 * default merge keeps the most of what was typed; the id last, so the order never depends on chance.
 */
export function keepOrder<T extends Candidate>(group: readonly T[]): T[] {
  return [...group].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : filled(b) - filled(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
