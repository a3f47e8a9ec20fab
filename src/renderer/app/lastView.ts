import type { KeyValueStore } from './session';

const KEY = 'regiodesk.lastView';

/**
 * The screen a user is on, kept per tab (sessionStorage) so that a reload (a crashed tab, the lock
 * screen after a reload in web mode) comes back to it, e.g. to event mode at an information
 * evening, instead of the candidate list. Tied to the user and server: another login starts at
 * the list. Plain JSON; anything unreadable gives `fallback`.
 */
export function rememberView<V extends { name: string }>(store: KeyValueStore, who: { user: string; server: string }, view: V): void {
  try {
    store.setItem(KEY, JSON.stringify({ user: who.user, server: who.server, view }));
  } catch {
    /* storage full or unavailable: a reload then starts at the list */
  }
}

/** `restorable`: the screens a reload returns to (others start at `fallback`). */
export function rememberedView<V extends { name: string }>(store: KeyValueStore, who: { user: string; server: string }, fallback: V, restorable: readonly string[]): V {
  try {
    const raw = store.getItem(KEY);
    if (!raw) return fallback;
    const saved = JSON.parse(raw) as { user?: unknown; server?: unknown; view?: { name?: unknown } };
    if (saved.user !== who.user || saved.server !== who.server) return fallback;
    return saved.view && typeof saved.view.name === 'string' && restorable.includes(saved.view.name) ? (saved.view as V) : fallback;
  } catch {
    return fallback;
  }
}

export function forgetView(store: KeyValueStore): void {
  try {
    store.removeItem(KEY);
  } catch {
    /* nothing to forget */
  }
}
