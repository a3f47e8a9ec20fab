/**
 * The data key of this session, in memory only, and in web mode its wrapped form in storage.
 *
 * Web mode: a random 256-bit data key encrypts the local data; only that key wrapped by a key
 * derived from the password (PBKDF2, dataKey.ts) is stored. Changing the password on the server
 * therefore does not change the data key: after the change, unwrapping with the new password
 * fails, the app asks once for the previous password and re-wraps the same key with the new one
 * (or, after a clear confirmation, the local data is wiped and synced again).
 * Desktop: the key comes from the OS keychain (bridge.dataKey), no password involved.
 */
import { create } from 'zustand';
import { DATA_KEY_ITERATIONS, deriveDataKey } from './dataKey';
import { dataKeyFromBase64, DataKeyError, forgetCipherKeys, fromBase64, newDataKey, open, seal, toBase64 } from '../../db/cipher';
import type { RegiodeskBridge } from '../../../shared/bridge';
import type { VerifierStore } from './verifier';

const WRAPPED_PREFIX = 'regiodesk.wrappedDataKey.';

interface WrappedKey {
  v: 1;
  iterations: number;
  box: string;
}

export interface KeyState {
  /** The data key of the open session; null until unlocked (web) or read from the keychain. */
  key: Uint8Array | null;
  /** The database waits for the key: the lock screen asks for the password first. */
  needed: boolean;
  /**
   * Unwrapping failed after a password the server accepted: the password was changed. Holds the
   * key derived from the new password (not the password) until the previous one re-wraps.
   */
  changed: { server: string; user: string; kek: Uint8Array } | null;
}

export const useDataKey = create<KeyState>(() => ({ key: null, needed: false, changed: null }));

export const currentDataKey = (): Uint8Array | null => useDataKey.getState().key;

export function setDataKey(key: Uint8Array): void {
  useDataKey.setState({ key, needed: false, changed: null });
}

/** At logout: the key leaves memory; the wrapped key stays (wipe removes it with the rest). */
export function forgetDataKey(): void {
  useDataKey.setState({ key: null, needed: false, changed: null });
  forgetCipherKeys();
}

const wrappedKeyName = (server: string, user: string) => `${WRAPPED_PREFIX}${server.replace(/\/+$/, '').toLowerCase()}|${user}`;
const context = (server: string, user: string) => `data-key|${server.replace(/\/+$/, '').toLowerCase()}|${user}`;

function loadWrapped(store: VerifierStore, server: string, user: string): WrappedKey | null {
  try {
    const parsed = JSON.parse(store.getItem(wrappedKeyName(server, user)) ?? 'null') as WrappedKey | null;
    return parsed && parsed.v === 1 && typeof parsed.box === 'string' && parsed.iterations > 0 ? parsed : null;
  } catch {
    return null;
  }
}

async function kekFor(password: string, server: string, user: string, store: VerifierStore, iterations: number): Promise<Uint8Array> {
  return fromBase64(await deriveDataKey(password, server, user, store, iterations));
}

function storeWrapped(store: VerifierStore, server: string, user: string, key: Uint8Array, kek: Uint8Array, iterations: number): void {
  const record: WrappedKey = { v: 1, iterations, box: seal(kek, toBase64(key), context(server, user)) };
  store.setItem(wrappedKeyName(server, user), JSON.stringify(record));
}

function unwrap(record: WrappedKey, kek: Uint8Array, server: string, user: string): Uint8Array | null {
  try {
    return dataKeyFromBase64(open(kek, record.box, context(server, user)));
  } catch (e) {
    if (e instanceof DataKeyError) return null;
    throw e;
  }
}

export type UnlockKeyResult = 'ok' | 'changed';

/**
 * Web mode, with a password the server (or the offline verifier) accepted: the data key. The
 * first time on this device a new one is made and stored wrapped.
 */
export async function unlockDataKey(server: string, user: string, password: string, store: VerifierStore, iterations = DATA_KEY_ITERATIONS): Promise<UnlockKeyResult> {
  const record = loadWrapped(store, server, user);
  const kek = await kekFor(password, server, user, store, record?.iterations ?? iterations);
  if (!record) {
    const key = newDataKey();
    storeWrapped(store, server, user, key, kek, iterations);
    setDataKey(key);
    return 'ok';
  }
  const key = unwrap(record, kek, server, user);
  if (key) {
    setDataKey(key);
    return 'ok';
  }
  useDataKey.setState({ key: null, needed: true, changed: { server, user, kek } });
  return 'changed';
}

/** After a password change: the previous password opens the data key, which is re-wrapped. */
export async function rewrapWithPreviousPassword(previous: string, store: VerifierStore): Promise<boolean> {
  const changed = useDataKey.getState().changed;
  if (!changed) return false;
  const record = loadWrapped(store, changed.server, changed.user);
  if (!record) return false;
  const key = unwrap(record, await kekFor(previous, changed.server, changed.user, store, record.iterations), changed.server, changed.user);
  if (!key) return false;
  storeWrapped(store, changed.server, changed.user, key, changed.kek, record.iterations);
  setDataKey(key);
  return true;
}

/** The key for opening the database now: in memory, or on the desktop from the OS keychain. */
export async function availableDataKey(desktop: RegiodeskBridge | undefined): Promise<Uint8Array | null> {
  const known = currentDataKey();
  if (known) return known;
  if (!desktop) return null;
  const key = dataKeyFromBase64(await desktop.dataKey.get());
  setDataKey(key);
  return key;
}

/**
 * The key is open (unlocking after inactivity) and the password was just accepted: if the
 * password changed meanwhile, the stored wrapping follows it now, so the next start needs only
 * the new password.
 */
export async function rewrapOpenKey(server: string, user: string, password: string, store: VerifierStore, iterations = DATA_KEY_ITERATIONS): Promise<void> {
  const key = currentDataKey();
  if (!key) return;
  const record = loadWrapped(store, server, user);
  const kek = await kekFor(password, server, user, store, record?.iterations ?? iterations);
  if (record && unwrap(record, kek, server, user)) return;
  storeWrapped(store, server, user, key, kek, record?.iterations ?? iterations);
}
