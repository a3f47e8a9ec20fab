import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { deepEqual, mergeDocuments } from '../../shared';

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
 * Conflicts between this laptop and the server: a three-way merge against the state both last
 * agreed on, so edits to different fields both survive (see src/shared/sync/merge.ts). One
 * handler for every kind of document.
 */
export function mergingConflictHandler<T>(): RxConflictHandler<T> {
  return {
    isEqual(a, b) {
      return deepEqual(comparable(a), comparable(b));
    },
    async resolve({ assumedMasterState, newDocumentState, realMasterState }) {
      const base = assumedMasterState ? comparable(assumedMasterState) : undefined;
      const merged = mergeDocuments(base, comparable(newDocumentState), comparable(realMasterState));
      merged._deleted = !!merged._deleted;
      return merged as unknown as WithDeleted<T>;
    },
  };
}
