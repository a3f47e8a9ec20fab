/**
 * A minimal stand-in for the 'electron' module, for unit tests only (the real binary is not
 * available in CI). Tests install it with:
 *   vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());
 * and read it back with `fakeElectron()`. Only what the main process uses is modelled.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: any[]) => any;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = vi.fn(() => FakeBrowserWindow.instances);
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

/** Reversible and clearly not plain text: every byte flipped, then reversed. */
export function fakeEncrypt(text: string): Buffer {
  return Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0xff).reverse());
}

export function fakeDecrypt(data: Buffer): string {
  return Buffer.from(Buffer.from(data).reverse().map((byte) => byte ^ 0xff)).toString('utf8');
}

export function createFakeSafeStorage() {
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (text: string) => fakeEncrypt(text)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: fakeDecrypt(data), shouldReEncrypt: false })),
    // The deprecated synchronous API: present so a test can prove it is not used.
    isEncryptionAvailable: vi.fn(() => true),
    encryptString: vi.fn((text: string) => fakeEncrypt(text)),
    decryptString: vi.fn((data: Buffer) => fakeDecrypt(data)),
  };
}

export function createFakeSession() {
  return {
    webRequest: { onHeadersReceived: vi.fn<(listener: Listener) => void>() },
    setPermissionRequestHandler: vi.fn<(handler: Listener) => void>(),
    setPermissionCheckHandler: vi.fn<(handler: Listener) => void>(),
  };
}

export function createElectronFake() {
  const ipcHandlers = new Map<string, Listener>();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getVersion: vi.fn(() => '1.2.3'),
    getPath: vi.fn((_name: string) => '/fake/userData'),
    whenReady: vi.fn(() => Promise.resolve()),
    isReady: vi.fn(() => true),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    commandLine: { appendSwitch: vi.fn<(name: string, value?: string) => void>() },
  });
  const fake = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: vi.fn((channel: string, handler: Listener) => void ipcHandlers.set(channel, handler)) },
    ipcHandlers,
    ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => 'reply'), on: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: createFakeSession() },
    safeStorage: createFakeSafeStorage(),
  };
  return { ...fake, default: fake };
}

export type ElectronFake = ReturnType<typeof createElectronFake>;

/** The mocked module, typed as the fake. */
export async function fakeElectron(): Promise<ElectronFake> {
  return (await import('electron')) as unknown as ElectronFake;
}
