// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/bridge';
import { fakeElectron, FakeBrowserWindow, FakeWebContents, type ElectronFake } from './electron.fake';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

const realPlatform = process.platform;
const setPlatform = (value: NodeJS.Platform) => Object.defineProperty(process, 'platform', { value, configurable: true });

/**
 * Imports main.ts afresh (its wiring runs on import). The mocked module itself survives
 * vi.resetModules, so its state is reset by hand: mocks back to their default behaviour.
 */
async function startMain(configure: (electron: ElectronFake) => void = () => undefined): Promise<ElectronFake> {
  const electron = await fakeElectron();
  vi.resetAllMocks();
  electron.app.removeAllListeners();
  electron.ipcHandlers.clear();
  configure(electron);
  vi.resetModules();
  await import('./main');
  // Let the whenReady() chain run.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return electron;
}

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0;
  vi.stubEnv('REGIODESK_RENDERER_URL', '');
});

afterEach(() => {
  setPlatform(realPlatform);
  vi.unstubAllEnvs();
});

describe('main process wiring', () => {
  it('quits at once when another instance holds the lock', async () => {
    const electron = await startMain((e) => e.app.requestSingleInstanceLock.mockReturnValue(false));
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('registers the scheme and sandbox before ready, then sets everything up', async () => {
    const electron = await startMain();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    // Date inputs in Dutch order (dd-mm-jjjj) whatever the system's language.
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'nl');
    expect(electron.app.commandLine.appendSwitch.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0]!);
    expect(electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.whenReady.mock.invocationCallOrder[0]!,
    );

    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://regiodesk/index.html');
  });

  it('hardens every WebContents Electron creates', async () => {
    const electron = await startMain();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const event = { url: 'https://evil.example/', preventDefault: vi.fn() };
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://x.nl' })).toEqual({ action: 'deny' });
  });

  it('does not check for updates in development', async () => {
    const updater = { checkForUpdatesAndNotify: vi.fn() };
    vi.doMock('electron-updater', () => ({ autoUpdater: updater }));
    await startMain();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
    vi.doUnmock('electron-updater');
  });

  it('checks for updates once when packaged', async () => {
    const updater = { checkForUpdatesAndNotify: vi.fn(async () => null) };
    vi.doMock('electron-updater', () => ({ autoUpdater: updater }));
    await startMain((e) => {
      e.app.isPackaged = true;
    });
    await vi.waitFor(() => expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1));
    const electron = await fakeElectron();
    electron.app.isPackaged = false;
    vi.doUnmock('electron-updater');
  });

  it('quits when all windows close, except on macOS', async () => {
    setPlatform('linux');
    const electron = await startMain();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(1);

    setPlatform('darwin');
    electron.app.quit.mockClear();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    const electron = await startMain();
    const window = FakeBrowserWindow.instances[0]!;
    window.isMinimized.mockReturnValue(true);
    electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});
