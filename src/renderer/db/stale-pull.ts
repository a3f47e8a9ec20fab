import { clockReader, compareHlc, deepEqual, DELETED_CLOCK, isClockedField } from '../../shared';

type Doc = Record<string, unknown>;

/**
 * The context in which RxDB's downstream asks `isEqual(pulled, local)` right before it writes a
 * pulled row over a local document that holds nothing unpushed (rxdb 17,
 * replication-protocol/downstream.js; the one call with this context).
 */
export const DOWNSTREAM_WRITE_CHECK = 'downstream-check-if-equal-1';

/** The latest clock in `doc`'s stored map (compact or full form), undefined without clocks. */
function latestClock(doc: Doc): string | undefined {
  const c = doc.fieldClocks;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return undefined;
  let latest: string | undefined;
  for (const k in c as Record<string, unknown>) {
    const v = (c as Record<string, unknown>)[k];
    if (typeof v === 'string' && (latest === undefined || compareHlc(v, latest) > 0)) latest = v;
  }
  return latest;
}

/**
 * Whether `older` is an earlier state of the document `newer` is, by their field clocks (hlc.ts):
 * every edit stamps the fields it changes with a clock later than every clock its writer has
 * seen, and a merge keeps the later clock per field, so a later state has, per field, a clock at
 * least as late, and a later one on every field whose value changed.
 *
 * RxDB's downstream writes a pulled row over a local document that holds nothing unpushed, even
 * when the row is older than that document: a `_changes` page read before the server stored this
 * laptop's merge, and stored by RxDB after the merge was pushed, put the colleague's older
 * revision over the merge (README, one-round convergence; one-round-convergence.test.ts). Such a
 * row is earlier than the local state, which the server holds (or a later one, at a later `seq`).
 *
 * Only a sure answer is yes: both states carry clocks; alive, no field of `older` has a clock
 * later than `newer`'s (or one `newer` lacks), and every field that differs has a strictly later
 * clock in `newer` (a change without a later clock, by a writer that does not stamp, is not ours
 * to judge); with a deletion on either side, `newer`'s existence clock is the later one. A pulled
 * row that is not surely earlier is written as before.
 */
export function isEarlierState(older: Doc, newer: Doc): boolean {
  // An earlier state has no clock later than every clock of the later one. Mostly the pulled row
  // is the later state (a colleague's edit): this answers without looking at a field.
  const lo = latestClock(older);
  const ln = latestClock(newer);
  if (lo === undefined || ln === undefined || compareHlc(lo, ln) > 0) return false;
  const co = clockReader(older);
  const cn = clockReader(newer);
  const eo = co(DELETED_CLOCK);
  const en = cn(DELETED_CLOCK);
  if (older._deleted === true || newer._deleted === true) {
    return eo !== undefined && en !== undefined && compareHlc(en, eo) > 0;
  }
  if (eo !== undefined && (en === undefined || compareHlc(eo, en) > 0)) return false;
  let later = false;
  for (const k of new Set([...Object.keys(older), ...Object.keys(newer)])) {
    if (!isClockedField(k)) continue;
    const a = co(k);
    const b = cn(k);
    if (a !== undefined && (b === undefined || compareHlc(a, b) > 0)) return false;
    if (deepEqual(older[k], newer[k])) continue;
    if (b === undefined || (a !== undefined && compareHlc(b, a) <= 0)) return false;
    later = true;
  }
  return later;
}
