import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/**
 * The device's storage: a full disk or an exceeded IndexedDB quota must be seen, not swallowed,
 * and must never cost what someone typed (forms keep their values and drafts when a save fails).
 */
export interface StorageState {
  /** A write failed for lack of space (QuotaExceededError) since the last successful check. */
  full: boolean;
  usage: number | null;
  quota: number | null;
  /** Whether the browser granted persistent storage (web mode); null when unknown. */
  persisted: boolean | null;
}

export const storageState = createStore<StorageState>(() => ({ full: false, usage: null, quota: null, persisted: null }));

export function useStorageState<T>(select: (s: StorageState) => T): T {
  return useStore(storageState, select);
}

/** Whether an error (or one it wraps, as RxDB and Dexie do) says the storage is full. */
export function isQuotaError(err: unknown, depth = 0): boolean {
  if (!err || depth > 5) return false;
  if (typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; parameters?: { error?: unknown }; code?: unknown };
    if (e.name === 'QuotaExceededError' || e.code === 22) return true;
    if (typeof e.message === 'string' && /quota ?exceeded|QuotaExceeded|disk (is )?full|no space/i.test(e.message)) return true;
    return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1) || isQuotaError(e.parameters?.error, depth + 1);
  }
  return typeof err === 'string' && /QuotaExceeded/i.test(err);
}

/** Call with any failed write: marks the storage full when that is why it failed. */
export function noteStorageError(err: unknown): boolean {
  if (!isQuotaError(err)) return false;
  storageState.setState({ full: true });
  return true;
}

export const NEARLY_FULL = 0.9;

export async function checkStorage(nav: Navigator | undefined = typeof navigator === 'undefined' ? undefined : navigator): Promise<void> {
  const est = await nav?.storage?.estimate?.().catch(() => null);
  if (!est) return;
  const usage = est.usage ?? null;
  const quota = est.quota ?? null;
  storageState.setState((s) => ({
    usage,
    quota,
    // Space came back (someone cleared it): the warning goes with it.
    full: s.full && usage !== null && quota !== null ? usage / quota > NEARLY_FULL : s.full,
  }));
}

/**
 * In web mode the browser may evict IndexedDB under pressure; ask it to keep our data
 * (`navigator.storage.persist()`). Electron's storage is the app's own and is not evicted.
 */
export async function requestPersistence(desktop: boolean, nav: Navigator | undefined = typeof navigator === 'undefined' ? undefined : navigator): Promise<void> {
  if (desktop || !nav?.storage) return;
  try {
    const already = (await nav.storage.persisted?.()) ?? false;
    const granted = already || ((await nav.storage.persist?.()) ?? false);
    storageState.setState({ persisted: granted });
  } catch {
    storageState.setState({ persisted: false });
  }
}

let watching = false;

/** Starts watching: unhandled quota errors anywhere, and the estimate now and every few minutes. */
export function watchStorage(desktop: boolean): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  window.addEventListener('unhandledrejection', (e) => noteStorageError(e.reason));
  window.addEventListener('error', (e) => noteStorageError(e.error));
  void requestPersistence(desktop);
  void checkStorage();
  setInterval(() => void checkStorage(), 5 * 60_000);
}
