// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/bridge';
import type { CredentialStore } from './credentials';
import type { DataKeyStore } from './data-key';
import { fakeElectron, type ElectronFake } from './electron.fake';
import { MAX_PASSWORD_LENGTH, MAX_URL_LENGTH, registerIpcHandlers } from './ipc';
import { APP_ORIGIN } from './urls';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

const trusted = { senderFrame: { url: 'app://regiodesk/index.html', parent: null } };
let electron: ElectronFake;
let credentials: { [K in keyof CredentialStore]: ReturnType<typeof vi.fn> };
let dataKeys: { get: ReturnType<typeof vi.fn>; forget: ReturnType<typeof vi.fn> };

function call(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = electron.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  // ipcMain.handle turns a throw into a rejected invoke; mirror that.
  return Promise.resolve().then(() => handler(event, ...args));
}

beforeEach(async () => {
  electron = await fakeElectron();
  electron.ipcHandlers.clear();
  vi.clearAllMocks();
  credentials = {
    save: vi.fn(async () => undefined),
    load: vi.fn(async () => ({ user: 'anna', password: 'pw' })),
    clear: vi.fn(async () => undefined),
  };
  dataKeys = { get: vi.fn(async () => 'K'.repeat(43) + '='), forget: vi.fn(async () => undefined) };
  registerIpcHandlers({ allowedOrigins: [APP_ORIGIN], credentials: credentials as unknown as CredentialStore, dataKeys: dataKeys as unknown as DataKeyStore });
});

describe('registration', () => {
  it('handles exactly the bridge channels', () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });
});

describe('sender checks', () => {
  const untrusted = [
    ['another origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a look-alike app host', { senderFrame: { url: 'app://regiodesk.evil/index.html', parent: null } }],
    ['a file page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a child frame of our origin', { senderFrame: { url: 'app://regiodesk/frame.html', parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ] as const;

  it.each(untrusted)('rejects calls from %s on every channel', async (_name, event) => {
    for (const channel of Object.values(IPC_CHANNELS)) {
      await expect(call(channel, event, 'https://example.nl', 'u', 'p')).rejects.toThrow(/untrusted frame/);
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(credentials.save).not.toHaveBeenCalled();
    expect(credentials.load).not.toHaveBeenCalled();
    expect(credentials.clear).not.toHaveBeenCalled();
    expect(dataKeys.get).not.toHaveBeenCalled();
    expect(dataKeys.forget).not.toHaveBeenCalled();
  });

  it('answers our own page', async () => {
    await expect(call(IPC_CHANNELS.appVersion, trusted)).resolves.toBe('1.2.3');
    await expect(call(IPC_CHANNELS.dataFolder, trusted)).resolves.toBe('/fake/userData');
    expect(electron.app.getPath).toHaveBeenCalledWith('userData');
  });
});

describe('openExternal', () => {
  it('opens https URLs', async () => {
    await call(IPC_CHANNELS.openExternal, trusted, 'https://www.duo.nl/');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.duo.nl/');
  });

  it.each([
    ['http URL', 'http://www.duo.nl/', /https/],
    ['file URL', 'file:///etc/passwd', /https/],
    ['javascript URL', 'javascript:alert(1)', /https/],
    ['custom scheme', 'ms-msdt:/id', /https/],
    ['non-string', { href: 'https://x.nl' }, /must be a string/],
    ['missing argument', undefined, /must be a string/],
    ['overlong URL', `https://x.nl/${'a'.repeat(MAX_URL_LENGTH)}`, /longer than/],
  ])('rejects a %s', async (_name, url, message) => {
    await expect(call(IPC_CHANNELS.openExternal, trusted, url)).rejects.toThrow(message);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('data key', () => {
  it('hands our page its key and forgets it on request, taking no arguments', async () => {
    await expect(call(IPC_CHANNELS.dataKeyGet, trusted, '/etc/passwd')).resolves.toBe('K'.repeat(43) + '=');
    expect(dataKeys.get).toHaveBeenCalledWith();
    await call(IPC_CHANNELS.dataKeyForget, trusted);
    expect(dataKeys.forget).toHaveBeenCalledWith();
  });
});

describe('credentials', () => {
  it('passes valid arguments to the store', async () => {
    await call(IPC_CHANNELS.credentialsSave, trusted, 'https://sync.regio.nl/', 'anna', 's3cret');
    expect(credentials.save).toHaveBeenCalledWith('https://sync.regio.nl/', 'anna', 's3cret');
    await expect(call(IPC_CHANNELS.credentialsLoad, trusted, 'https://sync.regio.nl/')).resolves.toEqual({
      user: 'anna',
      password: 'pw',
    });
    await call(IPC_CHANNELS.credentialsClear, trusted, 'https://sync.regio.nl/');
    expect(credentials.clear).toHaveBeenCalledWith('https://sync.regio.nl/');
  });

  it.each([
    ['non-string server', [42, 'anna', 'pw'], /server must be a string/],
    ['empty server', ['', 'anna', 'pw'], /server must not be empty/],
    ['object user', ['https://s.nl', { toString: () => 'anna' }, 'pw'], /user must be a string/],
    ['missing password', ['https://s.nl', 'anna'], /password must be a string/],
    ['overlong password', ['https://s.nl', 'anna', 'x'.repeat(MAX_PASSWORD_LENGTH + 1)], /password is longer than/],
    ['overlong server', ['https://s.nl/' + 'x'.repeat(MAX_URL_LENGTH), 'anna', 'pw'], /server is longer than/],
  ])('save rejects a %s', async (_name, args, message) => {
    await expect(call(IPC_CHANNELS.credentialsSave, trusted, ...args)).rejects.toThrow(message);
    expect(credentials.save).not.toHaveBeenCalled();
  });

  it('load and clear reject a non-string server', async () => {
    await expect(call(IPC_CHANNELS.credentialsLoad, trusted, ['https://s.nl'])).rejects.toThrow(/server must be a string/);
    await expect(call(IPC_CHANNELS.credentialsClear, trusted, null)).rejects.toThrow(/server must be a string/);
    expect(credentials.load).not.toHaveBeenCalled();
    expect(credentials.clear).not.toHaveBeenCalled();
  });
});
