import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FieldConflict } from '../../shared';
import { browserStore, type KeyValueStore } from '../app/session';
import { logAccepted, logMerges, logRefused } from './daylog';

/** One field two people changed differently, and how the merge decided. */
export interface ConflictEntry extends FieldConflict {
  docId: string;
  collection: string;
  /** When the merge happened (ISO). */
  at: string;
  /** Who made the other version (its `updatedBy`). */
  with: string;
}

/** A document the server refused (e.g. `forbidden` by validation); kept locally for correction. */
export interface RejectedEntry {
  docId: string;
  collection: string;
  region: string;
  error: string;
  reason: string;
  at: string;
}

export interface SyncJournal {
  conflicts: ConflictEntry[];
  rejected: RejectedEntry[];
}

const MAX_CONFLICTS = 500;

export const journal = createStore<SyncJournal>(() => ({ conflicts: [], rejected: [] }));

export function useJournal<T>(select: (s: SyncJournal) => T): T {
  return useStore(journal, select);
}

const same = (a: ConflictEntry, b: ConflictEntry) =>
  a.docId === b.docId && a.field === b.field && JSON.stringify([a.local, a.remote]) === JSON.stringify([b.local, b.remote]);

/** Records the conflicts of one merge (the conflict handler may see the same one twice). */
export function recordConflicts(entries: ConflictEntry[]): void {
  if (entries.length === 0) return;
  logMerges(entries);
  journal.setState((s) => {
    const fresh = entries.filter((e) => !s.conflicts.some((c) => same(c, e)));
    if (fresh.length === 0) return s;
    return { conflicts: [...fresh, ...s.conflicts].slice(0, MAX_CONFLICTS) };
  });
}

export function recordRejected(entry: RejectedEntry): void {
  logRefused(entry);
  journal.setState((s) => ({ rejected: [entry, ...s.rejected.filter((r) => r.docId !== entry.docId)] }));
}

/** The server took the document after all: it is no longer rejected. */
export function clearRejected(docIds: string[]): void {
  if (docIds.length === 0) return;
  logAccepted(docIds);
  journal.setState((s) => {
    const left = s.rejected.filter((r) => !docIds.includes(r.docId));
    return left.length === s.rejected.length ? s : { rejected: left };
  });
}

export const conflictsOf = (docId: string) => (s: SyncJournal) => s.conflicts.filter((c) => c.docId === docId);
export const rejectionOf = (docId: string) => (s: SyncJournal) => s.rejected.find((r) => r.docId === docId) ?? null;

/** Persisted per local database, like the status (survives a reload and an offline restart). */
let key: string | null = null;
let kv: KeyValueStore = browserStore('local');

export function bindJournalPersistence(dbName: string | null, store: KeyValueStore = browserStore('local')): void {
  key = dbName ? `regiodesk.journal.${dbName}` : null;
  kv = store;
  let saved: Partial<SyncJournal> = {};
  if (key) {
    try {
      saved = JSON.parse(kv.getItem(key) ?? '{}') as Partial<SyncJournal>;
    } catch {
      saved = {};
    }
  }
  journal.setState({
    conflicts: Array.isArray(saved.conflicts) ? saved.conflicts : [],
    rejected: Array.isArray(saved.rejected) ? saved.rejected : [],
  });
}

journal.subscribe((s) => {
  if (!key) return;
  try {
    kv.setItem(key, JSON.stringify(s));
  } catch {
    /* storage full: shown in memory until then */
  }
});
