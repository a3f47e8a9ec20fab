import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { deepEqual, mergeWithClocks, sameDeletion, type FieldConflict } from '../../shared';
import { DOWNSTREAM_WRITE_CHECK, isEarlierState } from './stale-pull';

/** Replication and storage bookkeeping that is not part of the document itself. */
function comparable<T>(doc: WithDeleted<T>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (k.startsWith('_') && k !== '_deleted') continue;
    out[k] = v;
  }
  out._deleted = !!(doc as { _deleted?: boolean })._deleted;
  return out;
}

/**
 * Whether two states are equal as `comparable` would make them, without copying either: RxDB
 * asks this several times for every pushed and every pulled document (its upstream and
 * downstream checks), and the two copies per call were 6 % of the page's time in an end-of-day
 * sync in Chromium (npm run bench:sync-browser, b's profile).
 */
export function sameState(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (!!a._deleted !== !!b._deleted) return false;
  let inA = 0;
  for (const k of Object.keys(a)) {
    if (k.startsWith('_') || a[k] === undefined) continue;
    inA++;
    if (!deepEqual(a[k], b[k])) return false;
  }
  let inB = 0;
  for (const k of Object.keys(b)) if (!k.startsWith('_') && b[k] !== undefined) inB++;
  return inA === inB;
}

export interface MergeEvent {
  local: Record<string, unknown>;
  remote: Record<string, unknown>;
  merged: Record<string, unknown>;
  conflicts: FieldConflict[];
}

type MergeListener = (e: MergeEvent) => void;
const listeners = new Set<MergeListener>();

/** Hears every merge (the sync journal records them; the clock takes in the remote clocks). */
export function onMerge(listener: MergeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Conflicts between this laptop and the server: per field the later hybrid logical clock wins,
 * lists merge as sets, and where clocks are missing a three-way merge against the state both
 * last agreed on decides (src/shared/sync/field-merge.ts). One handler for every kind.
 */
export function mergingConflictHandler<T>(): RxConflictHandler<T> {
  return {
    isEqual(a, b, context) {
      // The same deletion is the same state whatever the bodies: the server's deleted row comes
      // back as the kind's data-free tombstone (deleted-docs.ts), this laptop's as it was
      // deleted. Were they unequal, a document re-created here (an undo) after its deletion
      // was pushed would meet its own deletion as a conflict instead of being written on top.
      // A different deletion (another clock) is a conflict: the later of it and the re-creation wins.
      const ra = a as unknown as Record<string, unknown>;
      const rb = b as unknown as Record<string, unknown>;
      const equal = ra._deleted === true && rb._deleted === true ? sameDeletion(ra, rb) : sameState(ra, rb);
      // A pulled row older than this laptop's document (read before the server stored our
      // merge, stored after it was pushed) counts as equal there, so RxDB does not write it
      // over what the server already holds (stale-pull.ts; one-round-convergence.test.ts).
      if (!equal && context === DOWNSTREAM_WRITE_CHECK) return isEarlierState(ra, rb);
      return equal;
    },
    async resolve({ assumedMasterState, newDocumentState, realMasterState }) {
      const base = assumedMasterState ? comparable(assumedMasterState) : undefined;
      const local = comparable(newDocumentState);
      const remote = comparable(realMasterState);
      const { doc, conflicts } = mergeWithClocks(base, local, remote);
      doc._deleted = !!doc._deleted;
      for (const l of listeners) {
        try {
          l({ local, remote, merged: doc, conflicts });
        } catch {
          /* a listener never blocks a merge */
        }
      }
      return doc as unknown as WithDeleted<T>;
    },
  };
}
