/**
 * The key for encrypting personal fields of the local database at rest (issue #10 item 6): 32
 * random bytes made on first use, kept in userData only encrypted by the OS keychain through
 * safeStorage (`{ "version": 1, "key": base64(safeStorage ciphertext) }`). Never stored or
 * returned when the OS offers no real encryption, and never silently replaced when it can no
 * longer be decrypted: a new key would make the existing local data unreadable, so the caller
 * must decide (wipe and re-sync).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SafeStorageLike } from './credentials';

export const DATA_KEY_FILE_NAME = 'local-data-key.json';

export class DataKeyUnavailableError extends Error {
  constructor(reason: string) {
    super(`The local data key is not available: ${reason}`);
    this.name = 'DataKeyUnavailableError';
  }
}

export interface DataKeyStore {
  /** The key as base64 (44 characters), made on first use. */
  get(): Promise<string>;
  /** Removes the key (logout and wipe): what it encrypted can never be read again. */
  forget(): Promise<void>;
}

export function createDataKeyStore(filePath: string, options: { safeStorage?: SafeStorageLike; platform?: NodeJS.Platform } = {}): DataKeyStore {
  const storage = options.safeStorage ?? safeStorage;
  const platform = options.platform ?? process.platform;
  let pending: Promise<string> | null = null;

  async function usable(): Promise<boolean> {
    if (!(await storage.isAsyncEncryptionAvailable())) return false;
    // Linux without a keyring falls back to a key hard-coded in Chromium: not encryption.
    return !(platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text');
  }

  async function load(): Promise<string> {
    if (!(await usable())) throw new DataKeyUnavailableError('no OS encryption');
    let raw: string | null = null;
    try {
      raw = await readFile(filePath, 'utf8');
    } catch {
      raw = null;
    }
    if (raw !== null) {
      let parsed: { version?: unknown; key?: unknown };
      try {
        parsed = JSON.parse(raw) as typeof parsed;
      } catch {
        throw new DataKeyUnavailableError('damaged key file');
      }
      if (parsed.version !== 1 || typeof parsed.key !== 'string') throw new DataKeyUnavailableError('damaged key file');
      try {
        const { result } = await storage.decryptStringAsync(Buffer.from(parsed.key, 'base64'));
        if (!/^[A-Za-z0-9+/]{43}=$/.test(result)) throw new Error('not a key');
        return result;
      } catch {
        throw new DataKeyUnavailableError('the OS key changed');
      }
    }
    const key = randomBytes(32).toString('base64');
    const encrypted = Buffer.from(await storage.encryptStringAsync(key)).toString('base64');
    await mkdir(path.dirname(filePath), { recursive: true });
    const temporary = `${filePath}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ version: 1, key: encrypted }), { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, filePath);
    return key;
  }

  return {
    get: () => {
      // Two early calls must not make two different keys.
      pending ??= load().finally(() => {
        pending = null;
      });
      return pending;
    },
    forget: async () => {
      await rm(filePath, { force: true });
    },
  };
}
