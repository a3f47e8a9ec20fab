import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { browserStore, type KeyValueStore } from '../app/session';
import { bindJournalPersistence } from './journal';
import { bindProgressPersistence } from './progress';

export interface SyncStatusState {
  /** The browser's own idea (navigator.onLine). */
  browserOnline: boolean;
  /** Whether the last request to the sync server got an answer; null before the first. */
  serverReachable: boolean | null;
  /** The server refused our credentials (session expired, password changed). */
  authProblem: boolean;
  /** Replications currently moving documents. */
  active: number;
  /** End of the last cycle that ran without errors (ISO time). */
  lastSyncAt: string | null;
  /** Ids of documents changed on this device and not yet pushed. */
  pending: string[];
  /** Whether replication runs at all (it does not before login). */
  running: boolean;
  /** Live replications (collections × regions) and whether they share one change stream. */
  liveReplications?: number;
  sharedStream?: boolean;
}

export type StatusKind = 'offline' | 'syncing' | 'online' | 'authProblem';

/** What the indicator shows; pure for tests. Offline wins: nothing moves then. */
export function statusKind(s: SyncStatusState): StatusKind {
  if (!s.browserOnline || s.serverReachable === false) return 'offline';
  if (s.authProblem) return 'authProblem';
  if (s.active > 0) return 'syncing';
  return 'online';
}

export function addPending(pending: string[], id: string): string[] {
  return pending.includes(id) ? pending : [...pending, id];
}

export function removePending(pending: string[], id: string): string[] {
  return pending.includes(id) ? pending.filter((p) => p !== id) : pending;
}

const initial: SyncStatusState = {
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  serverReachable: null,
  authProblem: false,
  active: 0,
  lastSyncAt: null,
  pending: [],
  running: false,
};

export const syncStatus = createStore<SyncStatusState>(() => ({ ...initial }));

export function useSyncStatus<T>(select: (s: SyncStatusState) => T): T {
  return useStore(syncStatus, select);
}

/** Pending ids and the last sync time survive a reload, per local database. */
let persistKey: string | null = null;
let persistStore: KeyValueStore = browserStore('local');

export function bindStatusPersistence(dbName: string | null, store: KeyValueStore = browserStore('local')): void {
  persistKey = dbName ? `regiodesk.sync.${dbName}` : null;
  persistStore = store;
  bindJournalPersistence(dbName, store);
  bindProgressPersistence(dbName, store);
  let saved: Partial<SyncStatusState> = {};
  if (persistKey) {
    try {
      saved = JSON.parse(persistStore.getItem(persistKey) ?? '{}') as Partial<SyncStatusState>;
    } catch {
      saved = {};
    }
  }
  syncStatus.setState({
    ...initial,
    browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
    pending: Array.isArray(saved.pending) ? saved.pending.filter((x) => typeof x === 'string') : [],
    lastSyncAt: typeof saved.lastSyncAt === 'string' ? saved.lastSyncAt : null,
  });
}

syncStatus.subscribe((s, prev) => {
  if (!persistKey || (s.pending === prev.pending && s.lastSyncAt === prev.lastSyncAt)) return;
  try {
    persistStore.setItem(persistKey, JSON.stringify({ pending: s.pending, lastSyncAt: s.lastSyncAt }));
  } catch {
    /* storage full: the indicator is a convenience */
  }
});

export function markLocalChange(id: string): void {
  syncStatus.setState((s) => ({ pending: addPending(s.pending, id) }));
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => syncStatus.setState({ browserOnline: true }));
  window.addEventListener('offline', () => syncStatus.setState({ browserOnline: false }));
}
