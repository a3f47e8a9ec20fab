// @vitest-environment node
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataKeyStore, DATA_KEY_FILE_NAME, DataKeyUnavailableError } from './data-key';
import { fakeElectron, type ElectronFake } from './electron.fake';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

let dir: string;
let file: string;
let electron: ElectronFake;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'regiodesk-datakey-'));
  file = path.join(dir, DATA_KEY_FILE_NAME);
  electron = await fakeElectron();
  vi.clearAllMocks();
  electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(true);
  electron.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('local data key', () => {
  it('makes one random 256-bit key, keeps it only encrypted, and returns the same key later', async () => {
    const store = createDataKeyStore(file, { platform: 'linux' });
    const [a, b] = await Promise.all([store.get(), store.get()]);
    expect(a).toBe(b);
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(a);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(createDataKeyStore(file, { platform: 'linux' }).get()).resolves.toBe(a);
    expect(await createDataKeyStore(path.join(dir, 'other.json'), { platform: 'linux' }).get()).not.toBe(a);
  });

  it('refuses without real OS encryption, and never replaces a key it cannot decrypt', async () => {
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    await expect(createDataKeyStore(file, { platform: 'linux' }).get()).rejects.toBeInstanceOf(DataKeyUnavailableError);
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');

    const store = createDataKeyStore(file, { platform: 'linux' });
    await store.get();
    const before = await readFile(file, 'utf8');
    electron.safeStorage.decryptStringAsync.mockRejectedValueOnce(new Error('key changed'));
    await expect(store.get()).rejects.toThrow(/OS key changed/);
    expect(await readFile(file, 'utf8')).toBe(before);
    await writeFile(file, '{broken');
    await expect(store.get()).rejects.toThrow(/damaged/);
  });

  it('forgets the key for logout and wipe', async () => {
    const store = createDataKeyStore(file, { platform: 'linux' });
    const first = await store.get();
    await store.forget();
    expect(await stat(file).then(() => true, () => false)).toBe(false);
    expect(await store.get()).not.toBe(first);
  });
});
