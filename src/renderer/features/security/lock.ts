import { create } from 'zustand';

/**
 * The inactivity lock. Locked state is kept in localStorage as well, so a reload or a restart of
 * a locked app opens locked (the lock must not be a reload away from the data).
 */
export const LOCKED_KEY = 'regiodesk.locked';
/** Minutes of inactivity before the lock (setting; default 15). */
export const LOCK_MINUTES_KEY = 'regiodesk.lockMinutes';
/** Milliseconds, overriding the minutes: for tests and demonstrations only. */
export const LOCK_MS_KEY = 'regiodesk.lockAfterMs';
export const DEFAULT_LOCK_MINUTES = 15;

const read = (key: string): string | null => {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
};
const write = (key: string, value: string | null): void => {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // no storage: the lock still works for this run
  }
};

export function lockTimeoutMs(): number {
  const ms = Number(read(LOCK_MS_KEY));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const minutes = Number(read(LOCK_MINUTES_KEY));
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_LOCK_MINUTES) * 60_000;
}

export const useLock = create<{ locked: boolean }>(() => ({ locked: read(LOCKED_KEY) === '1' }));

export function lockNow(): void {
  write(LOCKED_KEY, '1');
  useLock.setState({ locked: true });
}

export function unlocked(): void {
  write(LOCKED_KEY, null);
  useLock.setState({ locked: false });
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

/**
 * Locks after `timeoutMs` without user input. Returns a function that stops watching. A timer
 * that fires late (laptop asleep) still locks: the check compares against the last activity.
 */
export function watchInactivity(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, timeoutMs: number, onIdle: () => void, now: () => number = Date.now): () => void {
  let last = now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, Math.max(delay, 50));
  };
  const check = () => {
    const idle = now() - last;
    if (idle >= timeoutMs) onIdle();
    else schedule(timeoutMs - idle);
  };
  const activity = () => {
    last = now();
  };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, activity, { passive: true, capture: true } as AddEventListenerOptions);
  schedule(timeoutMs);
  return () => {
    if (timer) clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, activity, { capture: true } as EventListenerOptions);
  };
}
