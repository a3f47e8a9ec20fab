/**
 * Remembers sync-server credentials, encrypted with the OS keychain through Electron's
 * safeStorage, in a small JSON file under userData: `{ "version": 1, "servers": { url: base64 } }`.
 * Without real encryption nothing is stored; the user then simply types the password again.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { StoredCredentials } from '../shared/bridge';

export interface CredentialStore {
  save(server: string, user: string, password: string): Promise<void>;
  load(server: string): Promise<StoredCredentials | null>;
  clear(server: string): Promise<void>;
}

/** The async safeStorage API: the synchronous one is deprecated since Electron 45. */
export type SafeStorageLike = Pick<
  typeof safeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface CredentialStoreOptions {
  safeStorage?: SafeStorageLike;
  platform?: NodeJS.Platform;
}

export const CREDENTIALS_FILE_NAME = 'credentials.json';

export class EncryptionUnavailableError extends Error {
  constructor() {
    super('Secure credential storage is not available on this system; the password was not saved');
    this.name = 'EncryptionUnavailableError';
  }
}

interface CredentialFile {
  version: 1;
  servers: Record<string, string>;
}

function parseStoredCredentials(json: string): StoredCredentials | null {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return null;
  const { user, password } = value as Record<string, unknown>;
  return typeof user === 'string' && typeof password === 'string' ? { user, password } : null;
}

export function createCredentialStore(filePath: string, options: CredentialStoreOptions = {}): CredentialStore {
  const storage = options.safeStorage ?? safeStorage;
  const platform = options.platform ?? process.platform;
  // Serialises read-modify-write cycles so two quick saves cannot drop each other's entry.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function encryptionUsable(): Promise<boolean> {
    if (!(await storage.isAsyncEncryptionAvailable())) return false;
    // Without a keyring Linux falls back to a key hard-coded in Chromium: obfuscation, not encryption.
    return !(platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text');
  }

  async function readEntries(): Promise<Map<string, string>> {
    let raw: string;
    try {
      raw = await readFile(filePath, 'utf8');
    } catch {
      return new Map();
    }
    try {
      const parsed = JSON.parse(raw) as Partial<CredentialFile>;
      const servers = parsed.servers && typeof parsed.servers === 'object' ? parsed.servers : {};
      // A Map, not an object indexed by user input: a server named "__proto__" stays plain data.
      return new Map(Object.entries(servers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      // A damaged file only costs the user a re-login; it must not stop the app.
      return new Map();
    }
  }

  async function writeEntries(entries: Map<string, string>): Promise<void> {
    if (entries.size === 0) {
      await rm(filePath, { force: true });
      return;
    }
    const file: CredentialFile = { version: 1, servers: Object.fromEntries(entries) };
    await mkdir(path.dirname(filePath), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a truncated file behind.
    const temporary = `${filePath}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(file, null, 2), { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, filePath);
  }

  async function encrypt(credentials: StoredCredentials): Promise<string> {
    const encrypted = await storage.encryptStringAsync(JSON.stringify(credentials));
    return Buffer.from(encrypted).toString('base64');
  }

  return {
    save: (server, user, password) =>
      serialised(async () => {
        if (!(await encryptionUsable())) throw new EncryptionUnavailableError();
        const entries = await readEntries();
        entries.set(server, await encrypt({ user, password }));
        await writeEntries(entries);
      }),

    load: (server) =>
      serialised(async () => {
        const entries = await readEntries();
        const secret = entries.get(server);
        if (secret === undefined || !(await encryptionUsable())) return null;
        let credentials: StoredCredentials | null;
        let shouldReEncrypt: boolean;
        try {
          const decrypted = await storage.decryptStringAsync(Buffer.from(secret, 'base64'));
          credentials = parseStoredCredentials(decrypted.result);
          shouldReEncrypt = decrypted.shouldReEncrypt;
        } catch {
          // Typically the OS key changed (new profile, restored backup): ask for the password again.
          return null;
        }
        if (credentials && shouldReEncrypt) {
          entries.set(server, await encrypt(credentials));
          await writeEntries(entries).catch(() => undefined);
        }
        return credentials;
      }),

    clear: (server) =>
      serialised(async () => {
        const entries = await readEntries();
        if (entries.delete(server)) await writeEntries(entries);
      }),
  };
}
