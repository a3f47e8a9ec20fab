// @vitest-environment node
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCredentialStore, CREDENTIALS_FILE_NAME, EncryptionUnavailableError, type CredentialStore } from './credentials';
import { fakeElectron, fakeEncrypt, type ElectronFake } from './electron.fake';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

const SERVER = 'https://sync.regio-utrecht.nl/';
const USER = 'anna.devries';
const PASSWORD = 'Tulp-Correct-Paard-42';

let dir: string;
let file: string;
let electron: ElectronFake;
let store: CredentialStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'regiodesk-credentials-'));
  file = path.join(dir, 'nested', CREDENTIALS_FILE_NAME);
  electron = await fakeElectron();
  vi.clearAllMocks();
  electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(true);
  electron.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
  store = createCredentialStore(file, { platform: 'linux' });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (target: string) => stat(target).then(() => true, () => false);

describe('credential store', () => {
  it('round-trips credentials through safeStorage', async () => {
    await store.save(SERVER, USER, PASSWORD);
    expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    await expect(store.load(SERVER)).resolves.toEqual({ user: USER, password: PASSWORD });
    await expect(createCredentialStore(file, { platform: 'linux' }).load(SERVER)).resolves.toEqual({
      user: USER,
      password: PASSWORD,
    });
  });

  it('never writes the user or password in plain text (nor plainly base64-encoded)', async () => {
    await store.save(SERVER, USER, PASSWORD);
    const raw = await readFile(file, 'utf8');
    const plainJson = JSON.stringify({ user: USER, password: PASSWORD });
    for (const needle of [USER, PASSWORD, plainJson, Buffer.from(plainJson).toString('base64'), Buffer.from(PASSWORD).toString('base64')]) {
      expect(raw).not.toContain(needle);
    }
    const parsed = JSON.parse(raw);
    expect(parsed).toEqual({ version: 1, servers: { [SERVER]: fakeEncrypt(plainJson).toString('base64') } });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('does not use the deprecated synchronous safeStorage API', async () => {
    await store.save(SERVER, USER, PASSWORD);
    await store.load(SERVER);
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(electron.safeStorage.decryptString).not.toHaveBeenCalled();
  });

  it('refuses to store anything when encryption is unavailable', async () => {
    electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false);
    await expect(store.save(SERVER, USER, PASSWORD)).rejects.toBeInstanceOf(EncryptionUnavailableError);
    expect(electron.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(await exists(file)).toBe(false);
  });

  it("refuses Linux's hard-coded-key fallback (basic_text)", async () => {
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    await expect(store.save(SERVER, USER, PASSWORD)).rejects.toThrow(/not available/);
    expect(await exists(file)).toBe(false);
    // The backend name only matters on Linux.
    await expect(createCredentialStore(file, { platform: 'darwin' }).save(SERVER, USER, PASSWORD)).resolves.toBeUndefined();
  });

  it('keeps servers apart and clears one without touching the others', async () => {
    await store.save(SERVER, USER, PASSWORD);
    await store.save('http://192.168.1.20:5984/', 'jan', 'other');
    await store.clear(SERVER);
    await expect(store.load(SERVER)).resolves.toBeNull();
    await expect(store.load('http://192.168.1.20:5984/')).resolves.toEqual({ user: 'jan', password: 'other' });
    await store.clear('http://192.168.1.20:5984/');
    expect(await exists(file)).toBe(false);
  });

  it('treats odd server names as plain keys', async () => {
    await store.save('__proto__', USER, PASSWORD);
    await expect(store.load('__proto__')).resolves.toEqual({ user: USER, password: PASSWORD });
    await expect(store.load('constructor')).resolves.toBeNull();
  });

  it('does not lose entries when saves overlap', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.save(`https://s${i}.nl/`, `u${i}`, `p${i}`)));
    const servers = Object.keys(JSON.parse(await readFile(file, 'utf8')).servers);
    expect(servers).toHaveLength(10);
  });

  it('returns null for unknown servers, damaged files and undecryptable entries', async () => {
    await expect(store.load(SERVER)).resolves.toBeNull();

    await store.save(SERVER, USER, PASSWORD);
    electron.safeStorage.decryptStringAsync.mockRejectedValueOnce(new Error('key changed'));
    await expect(store.load(SERVER)).resolves.toBeNull();

    await writeFile(file, '{not json');
    await expect(store.load(SERVER)).resolves.toBeNull();
    await store.save(SERVER, USER, PASSWORD);
    await expect(store.load(SERVER)).resolves.toEqual({ user: USER, password: PASSWORD });
  });

  it('re-encrypts when safeStorage asks for it', async () => {
    await store.save(SERVER, USER, PASSWORD);
    electron.safeStorage.decryptStringAsync.mockImplementationOnce(async (data: Buffer) => ({
      result: (await import('./electron.fake')).fakeDecrypt(data),
      shouldReEncrypt: true,
    }));
    electron.safeStorage.encryptStringAsync.mockClear();
    await expect(store.load(SERVER)).resolves.toEqual({ user: USER, password: PASSWORD });
    expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
  });
});
