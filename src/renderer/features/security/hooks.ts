import { useEffect } from 'react';
import { lockNow, lockTimeoutMs, unlocked, watchInactivity } from './lock';
import { rememberVerifier } from './verifier';

/** Watches for inactivity while a session is open and unlocked. */
export function useInactivityLock(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    return watchInactivity(window, lockTimeoutMs(), lockNow);
  }, [active]);
}

/**
 * After a successful login: keep a salted verifier for unlocking offline, and start unlocked.
 * A failure here (no WebCrypto, storage full) only means unlocking needs the server.
 */
export async function afterLogin(server: string, user: string, password: string): Promise<void> {
  unlocked();
  try {
    await rememberVerifier(globalThis.localStorage, server, user, password);
  } catch {
    // see above
  }
}
