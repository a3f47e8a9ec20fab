import type { RegiodeskBridge } from '../../../shared/bridge';

/**
 * The key for encrypting personal fields of the local database at rest (issue #10 item 6).
 * Desktop: a random key kept by the main process under the OS keychain (safeStorage, see
 * src/main/data-key.ts). Web: derived from the user's password with PBKDF2-SHA-256 and a
 * per-user salt; the salt is stored (it is not secret), the key only ever lives in memory, so
 * after a reload the password is needed again (the lock screen asks for it).
 *
 * In web mode the derived key does not encrypt the data itself: it wraps a random data key
 * (keyring.ts), so that a password change does not make the local data unreadable.
 */
export const DATA_KEY_ITERATIONS = 310_000;
const SALT_PREFIX = 'regiodesk.dataKeySalt.';

export interface SaltStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Web mode: the same password and salt always give the same key; the salt is made once per user. */
export async function deriveDataKey(password: string, server: string, user: string, store: SaltStore, iterations = DATA_KEY_ITERATIONS): Promise<string> {
  const saltKey = `${SALT_PREFIX}${server.replace(/\/+$/, '').toLowerCase()}|${user}`;
  let salt = store.getItem(saltKey);
  if (!salt) {
    salt = b64(crypto.getRandomValues(new Uint8Array(16)));
    store.setItem(saltKey, salt);
  }
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  // A distinct info prefix in the salt keeps this key unrelated to the unlock verifier's hash.
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array([...new TextEncoder().encode('regiodesk-data-key:'), ...unb64(salt)]), iterations },
    material,
    256,
  );
  return b64(new Uint8Array(bits));
}

/** Desktop: the key from the OS keychain; web: derived from the password. */
export async function localDataKey(
  desktop: RegiodeskBridge | undefined,
  web: { password: string; server: string; user: string; store: SaltStore },
): Promise<string> {
  if (desktop) return desktop.dataKey.get();
  return deriveDataKey(web.password, web.server, web.user, web.store);
}
