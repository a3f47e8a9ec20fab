/**
 * TEST-ONLY REFERENCE, not used by the app: field-merge.ts as it was before compact field clocks
 * (commit c5c2603), verbatim but for this header and the names of its exports, where `fieldClocks` held
 * every clock by field name. The property tests in field-merge.compact.test.ts run it beside the
 * compact implementation and check that, for the same documents and edits (one clock per edit),
 * both give every field the same clock and every merge the same values and conflicts.
 */
import { compareHlc, maxHlc } from './hlc';
import { deepEqual } from './merge';

type Doc = Record<string, unknown>;

/** The key in `fieldClocks` of the clock of the document's existence (creation or deletion). */
const DELETED_CLOCK = '_deleted';

/** Fields that are bookkeeping, not edits: never stamped, not merged per field. */
const UNCLOCKED_FIELDS = new Set(['id', 'type', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'fieldClocks', '_deleted']);

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

function clocksOf(d: Doc | undefined): Record<string, string> {
  const c = d?.fieldClocks;
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, string>) : {};
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
 * with fresh clocks from `tick`; a removed optional field is stamped too, so the removal wins
 * like any edit. Returns `after` with its `fieldClocks` updated.
 */
export function stampFieldsFullMap<T extends Doc>(before: Doc | undefined, after: T, tick: () => string): T {
  const clocks: Record<string, string> = { ...clocksOf(before), ...clocksOf(after) };
  const keys = new Set([...Object.keys(after), ...Object.keys(before ?? {})]);
  let changed = false;
  for (const k of keys) {
    if (UNCLOCKED_FIELDS.has(k) || k.startsWith('_')) continue;
    if (before && deepEqual(before[k], after[k])) continue;
    if (!before && after[k] === undefined) continue;
    clocks[k] = tick();
    changed = true;
  }
  // A creation (no before, or before deleted) or a deletion moves the clock of existence.
  if (!before || (before._deleted === true) !== (after._deleted === true)) {
    clocks[DELETED_CLOCK] = tick();
    changed = true;
  }
  if (!changed) return after;
  return { ...after, fieldClocks: clocks };
}

/**
 * Whether two versions are the same deletion: both deleted, with the same existence clock (or
 * one missing it: an older tombstone, or a kind without clocks). The bodies do not count: the
 * server's deleted row arrives as the kind's data-free tombstone, this laptop's as it was deleted.
 */
export function sameDeletionFullMap(a: Doc, b: Doc): boolean {
  if (a._deleted !== true || b._deleted !== true) return false;
  const ca = clocksOf(a)[DELETED_CLOCK];
  const cb = clocksOf(b)[DELETED_CLOCK];
  return ca === undefined || cb === undefined || ca === cb;
}

/**
 * Of two versions of which at least one is deleted: the later of deletion and re-creation by their
 * existence clocks; the deletion when a clock is missing (an edit never re-creates); of two
 * deletions the later one (then by value), so every replica picks the same.
 */
function existenceWinner<T extends Doc>(local: T, remote: T): T {
  const lc = clocksOf(local)[DELETED_CLOCK];
  const rc = clocksOf(remote)[DELETED_CLOCK];
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
export function mergeWithClocksFullMap<T extends Doc>(base: Doc | undefined, local: T, remote: T): MergeOutcome<T> {
  const lDel = local._deleted === true;
  const rDel = remote._deleted === true;
  if (lDel || rDel) return { doc: existenceWinner(local, remote), conflicts: [] };
  const lc = clocksOf(local);
  const rc = clocksOf(remote);
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
    const clock = maxHlc(lc[k], rc[k]);
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
      if (lc[k] !== undefined && rc[k] !== undefined && lc[k] !== rc[k]) {
        localWins = compareHlc(lc[k]!, rc[k]!) > 0;
      } else if (base && !localChanged) {
        localWins = false;
      } else if (base && !remoteChanged) {
        localWins = true;
      } else if (lc[k] !== rc[k]) {
        // One side has a clock, the other has none: the clocked edit is the newer app's.
        localWins = lc[k] !== undefined;
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
  const existence = maxHlc(lc[DELETED_CLOCK], rc[DELETED_CLOCK]);
  if (existence !== undefined) clocks[DELETED_CLOCK] = existence;
  if (Object.keys(clocks).length > 0) out.fieldClocks = clocks;
  if ('_deleted' in local || '_deleted' in remote) out._deleted = false;
  return { doc: out as T, conflicts };
}
