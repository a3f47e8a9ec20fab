import type { Candidate } from '../../../shared';

/**
 * One copy of each repeated string in the cached candidates. Read back from IndexedDB (structured
 * clone) or JSON.parse (V8 shares only strings of up to 10 characters), every candidate carries its
 * own copy of values that 100,000 candidates share: the consent text (~160 characters), sources,
 * routes, professions, sectors. Those copies were tens of MB of the list's heap.
 * Only fields with few distinct values are pooled (names, e-mails and ids would only grow the pool).
 */
const TOP = ['type', 'phase', 'place', 'source', 'ownerRegion', 'owner', 'createdBy', 'updatedBy', 'educationLevel', 'preferredRoute', 'currentProfession', 'gender', 'status'];
const LISTS = ['sectors', 'functions', 'subjects', 'regions', 'tags'];
const CONSENT = ['purpose', 'version', 'channel', 'date'];
const HISTORY = ['from', 'to', 'by'];
/** The pool stops growing here: a field with more distinct values than this is not worth pooling. */
const POOL_LIMIT = 20_000;

const pool = new Map<string, string>();

function one(s: unknown): unknown {
  if (typeof s !== 'string') return s;
  const known = pool.get(s);
  if (known !== undefined) return known;
  if (pool.size < POOL_LIMIT) pool.set(s, s);
  return s;
}

/**
 * Replaces repeated strings of a candidate the caller owns (just parsed or read, not shared with
 * RxDB) by their pooled copies, in place: same fields, same values, same object shapes.
 */
export function internCandidate(doc: Candidate): void {
  const d = doc as unknown as Record<string, unknown>;
  if (Object.isFrozen(d)) return;
  for (const f of TOP) if (typeof d[f] === 'string') d[f] = one(d[f]);
  for (const f of LISTS) {
    const list = d[f];
    if (Array.isArray(list) && !Object.isFrozen(list)) for (let i = 0; i < list.length; i++) list[i] = one(list[i]);
  }
  const consent = d.consent as Record<string, unknown> | undefined;
  if (consent && typeof consent === 'object' && !Object.isFrozen(consent)) for (const f of CONSENT) if (typeof consent[f] === 'string') consent[f] = one(consent[f]);
  const history = d.phaseHistory;
  if (Array.isArray(history)) {
    for (const step of history as Record<string, unknown>[]) {
      if (!step || typeof step !== 'object' || Object.isFrozen(step)) continue;
      for (const f of HISTORY) if (typeof step[f] === 'string') step[f] = one(step[f]);
    }
  }
}
