/**
 * Merge of two versions of a document by per-field hybrid logical clocks (hlc.ts). Pure: the
 * client's RxDB conflict handler uses it and the server may use it as well.
 *
 * Per top-level field: equal values stay; lists (sectors, subjects, regions, phase history …)
 * merge as sets (three-way against the common base when there is one, so a removal on one side
 * holds); other values go to the side whose clock for that field is later. Where a clock is
 * missing (documents written before clocks, or by other clients) the three-way merge of
 * merge.ts decides: the side that changed the field from the base wins, and when both did, the
 * later `updatedAt`. Ties break on the values themselves, so every replica picks the same.
 * A deletion wins over an edit (an erasure must reach every copy). Existence itself has a clock,
 * `fieldClocks._deleted` (DELETED_CLOCK): stamped when a document is created (also when it is
 * created again over its own tombstone, as an undo does) and when it is deleted. Between a
 * deletion and a re-creation the later clock wins; an edit never moves this clock, so an offline
 * edit still loses to a deletion. Without both clocks (older documents) the deletion wins.
 * Clocks are stored in the compact form of field-clocks.ts (one default clock `*` for the fields
 * that share it); both functions read through its accessor and write its canonical form.
 * A malformed clock (`zzz`, stored before every kind checked its clocks) reads as no clock there,
 * so it never wins: the rules for a field without a clock decide, and the merge does not write it.
 */
import { clockOf, clockReader, compactClocks, DELETED_CLOCK, expandClocks, UNCLOCKED_FIELDS } from './field-clocks';
import { HLC } from '../domain/fields';
import { compareHlc, maxHlc } from './hlc';
import { deepEqual } from './merge';

export { clockOf, clockReader, compactClocks, DEFAULT_CLOCK, DELETED_CLOCK, expandClocks, isClockedField, UNCLOCKED_FIELDS } from './field-clocks';

type Doc = Record<string, unknown>;

export interface FieldConflict {
  field: string;
  local: unknown;
  remote: unknown;
  /** The merged value. */
  value: unknown;
  /** Which side's value won; `both` when lists were merged as sets. */
  winner: 'local' | 'remote' | 'both';
}

export interface MergeOutcome<T> {
  doc: T;
  /** Fields both sides changed to different values (the ones worth telling the user about). */
  conflicts: FieldConflict[];
}

function stable(a: unknown, b: unknown): number {
  const sa = JSON.stringify(a) ?? '';
  const sb = JSON.stringify(b) ?? '';
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Chronological for records with a time (`at`), else by value: the same order on every replica. */
function listOrder(a: unknown, b: unknown): number {
  const at = (x: unknown) => (x && typeof x === 'object' && typeof (x as Doc).at === 'string' ? ((x as Doc).at as string) : null);
  const ta = at(a);
  const tb = at(b);
  if (ta !== null && tb !== null && ta !== tb) return ta < tb ? -1 : 1;
  return stable(a, b);
}

function mergeSets(base: unknown[] | undefined, local: unknown[], remote: unknown[]): unknown[] {
  const has = (xs: unknown[] | undefined, x: unknown) => !!xs && xs.some((y) => deepEqual(x, y));
  const out: unknown[] = [];
  for (const x of [...local, ...remote]) {
    if (has(out, x)) continue;
    if ((has(local, x) && has(remote, x)) || !has(base, x)) out.push(x);
  }
  return out.sort(listOrder);
}

/**
 * Stamps the fields `after` changes relative to `before` (all fields when there is no before)
 * with one fresh clock from `tick`; a removed optional field is stamped too, so the removal wins
 * like any edit. Returns `after` with its `fieldClocks` updated (compact form), malformed clocks
 * dropped (`dropMalformed`, also when the write changes no clocked field).
 *
 * One edit is one event, so `tick` is called at most once and every field it changes (and the
 * existence clock, when it moves) gets the same clock: fields are merged one by one, nothing
 * compares two clocks of the same edit, and between replicas the node id still breaks ties.
 */
export function stampFields<T extends Doc>(before: Doc | undefined, after: T, tick: () => string): T {
  // `after` mostly carries `before`'s map (a patch): then expanding it again adds nothing, since
  // a field whose value differs between the two is stamped below anyway.
  const clocks: Record<string, string> =
    after.fieldClocks === before?.fieldClocks ? expandClocks(before) : { ...expandClocks(before), ...expandClocks(after) };
  const dropped = dropMalformed(clocks);
  let now: string | undefined;
  const edit = () => (now ??= tick());
  const keys = new Set([...Object.keys(after), ...Object.keys(before ?? {})]);
  let changed = false;
  for (const k of keys) {
    if (UNCLOCKED_FIELDS.has(k) || k.startsWith('_')) continue;
    if (before && deepEqual(before[k], after[k])) continue;
    if (!before && after[k] === undefined) continue;
    clocks[k] = edit();
    changed = true;
  }
  // A creation (no before, or before deleted) or a deletion moves the clock of existence.
  if (!before || (before._deleted === true) !== (after._deleted === true)) {
    clocks[DELETED_CLOCK] = edit();
    changed = true;
  }
  if (!changed && !dropped) return after;
  return { ...after, fieldClocks: compactClocks(after, clocks) };
}

/**
 * Takes out of `clocks` (the full form) every clock without the clock's form (fields.ts `HLC`);
 * answers whether there was one. The schemas refuse such a clock (compared as a string, `zzz`
 * would win every merge; the accessor reads it as none), but a document stored before every kind
 * checked its clocks may carry one: a write that kept it would be refused by the server. The fields it stood for are left
 * without a clock, as in a document from before clocks (the three-way merge decides for them),
 * never given this edit's clock: that would make them beat a colleague's real edit of them.
 */
function dropMalformed(clocks: Record<string, string>): boolean {
  let dropped = false;
  let ok: string | undefined; // a full map repeats one clock (`*`'s) for most fields: test it once
  for (const k in clocks) {
    const c = clocks[k]!;
    if (c === ok) continue;
    if (HLC.test(c)) ok = c;
    else {
      delete clocks[k];
      dropped = true;
    }
  }
  return dropped;
}

/**
 * Whether two versions are the same deletion: both deleted, with the same existence clock (or
 * one missing it: an older tombstone, or a kind without clocks). The bodies do not count: the
 * server's deleted row arrives as the kind's data-free tombstone, this laptop's as it was deleted.
 */
export function sameDeletion(a: Doc, b: Doc): boolean {
  if (a._deleted !== true || b._deleted !== true) return false;
  const ca = clockOf(a, DELETED_CLOCK);
  const cb = clockOf(b, DELETED_CLOCK);
  return ca === undefined || cb === undefined || ca === cb;
}

/**
 * Of two versions of which at least one is deleted: the later of deletion and re-creation by their
 * existence clocks; the deletion when a clock is missing (an edit never re-creates); of two
 * deletions the later one (then by value), so every replica picks the same.
 */
function existenceWinner<T extends Doc>(local: T, remote: T): T {
  const lc = clockOf(local, DELETED_CLOCK);
  const rc = clockOf(remote, DELETED_CLOCK);
  const lDel = local._deleted === true;
  const rDel = remote._deleted === true;
  if (lDel && rDel) {
    if (lc !== undefined && rc !== undefined && lc !== rc) return compareHlc(lc, rc) > 0 ? local : remote;
    if (lc !== rc) return lc !== undefined ? local : remote;
    return stable(local, remote) >= 0 ? local : remote;
  }
  const [dead, alive] = lDel ? [local, remote] : [remote, local];
  const deadClock = lDel ? lc : rc;
  const aliveClock = lDel ? rc : lc;
  if (deadClock !== undefined && aliveClock !== undefined && compareHlc(aliveClock, deadClock) > 0) return alive;
  return dead;
}

/** Merges `local` and `remote`, which diverged from `base` (the state both last agreed on, if known). */
export function mergeWithClocks<T extends Doc>(base: Doc | undefined, local: T, remote: T): MergeOutcome<T> {
  const lDel = local._deleted === true;
  const rDel = remote._deleted === true;
  if (lDel || rDel) return { doc: existenceWinner(local, remote), conflicts: [] };
  // Read field by field (the same clocks expandClocks gives, without building both maps).
  const lClocks = clockReader(local);
  const rClocks = clockReader(remote);
  const lu = typeof local.updatedAt === 'string' ? local.updatedAt : '';
  const ru = typeof remote.updatedAt === 'string' ? remote.updatedAt : '';
  const out: Doc = {};
  const clocks: Record<string, string> = {};
  const conflicts: FieldConflict[] = [];
  const keys = [...new Set([...Object.keys(local), ...Object.keys(remote)])].sort();

  for (const k of keys) {
    if (k === 'fieldClocks') continue;
    const lv = local[k];
    const rv = remote[k];
    const lck = lClocks(k);
    const rck = rClocks(k);
    const clock = maxHlc(lck, rck);
    if (clock !== undefined) clocks[k] = clock;
    if (UNCLOCKED_FIELDS.has(k)) continue;
    if (deepEqual(lv, rv)) {
      if (lv !== undefined) out[k] = lv;
      continue;
    }
    const bv = base?.[k];
    const localChanged = !base || !deepEqual(lv, bv);
    const remoteChanged = !base || !deepEqual(rv, bv);
    const both = localChanged && remoteChanged;
    let value: unknown;
    let winner: FieldConflict['winner'];
    if (Array.isArray(lv) && Array.isArray(rv)) {
      value = mergeSets(Array.isArray(bv) ? bv : undefined, lv, rv);
      winner = deepEqual(value, lv) ? 'local' : deepEqual(value, rv) ? 'remote' : 'both';
    } else {
      let localWins: boolean;
      if (lck !== undefined && rck !== undefined && lck !== rck) {
        localWins = compareHlc(lck, rck) > 0;
      } else if (base && !localChanged) {
        localWins = false;
      } else if (base && !remoteChanged) {
        localWins = true;
      } else if (lck !== rck) {
        // One side has a clock, the other has none: the clocked edit is the newer app's.
        localWins = lck !== undefined;
      } else if (lu !== ru) {
        localWins = lu > ru;
      } else {
        localWins = stable(lv, rv) >= 0;
      }
      value = localWins ? lv : rv;
      winner = localWins ? 'local' : 'remote';
    }
    if (value !== undefined) out[k] = value;
    if (both) conflicts.push({ field: k, local: lv, remote: rv, value, winner });
  }

  // Bookkeeping: identity from either (they agree), the audit pair from the newer edit.
  const newer = lu !== ru ? (lu > ru ? local : remote) : stable(local, remote) >= 0 ? local : remote;
  for (const k of ['id', 'type', 'createdAt', 'createdBy']) {
    const v = local[k] ?? remote[k];
    if (v !== undefined) out[k] = v;
  }
  for (const k of ['updatedAt', 'updatedBy']) {
    const v = newer[k] ?? local[k] ?? remote[k];
    if (v !== undefined) out[k] = v;
  }
  const existence = maxHlc(lClocks(DELETED_CLOCK), rClocks(DELETED_CLOCK));
  if (existence !== undefined) clocks[DELETED_CLOCK] = existence;
  if (Object.keys(clocks).length > 0) out.fieldClocks = compactClocks(out, clocks);
  if ('_deleted' in local || '_deleted' in remote) out._deleted = false;
  return { doc: out as T, conflicts };
}
