// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron, FakeBrowserWindow } from './electron.fake';
import { createMainWindow, resolveRendererTarget } from './window';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0;
});

describe('resolveRendererTarget', () => {
  it('loads the built renderer through app:// by default', () => {
    expect(resolveRendererTarget(false, {})).toEqual({
      url: 'app://regiodesk/index.html',
      origin: 'app://regiodesk',
      devServer: false,
    });
  });

  it('uses REGIODESK_RENDERER_URL in development', () => {
    expect(resolveRendererTarget(false, { REGIODESK_RENDERER_URL: 'http://localhost:5173/' })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
      devServer: true,
    });
  });

  it('ignores REGIODESK_RENDERER_URL in a packaged app', () => {
    expect(resolveRendererTarget(true, { REGIODESK_RENDERER_URL: 'https://evil.example/' }).url).toBe(
      'app://regiodesk/index.html',
    );
  });

  it('refuses a dev URL that is not http(s)', () => {
    expect(() => resolveRendererTarget(false, { REGIODESK_RENDERER_URL: 'file:///tmp/index.html' })).toThrow(/http/);
    expect(() => resolveRendererTarget(false, { REGIODESK_RENDERER_URL: 'localhost:5173' })).toThrow(/http/);
  });
});

describe('createMainWindow', () => {
  it('creates one hidden window with secure preferences and loads the target', async () => {
    await fakeElectron();
    const target = resolveRendererTarget(false, {});
    createMainWindow({ preloadPath: '/p/preload.cjs', target });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options.show).toBe(false);
    // Electron's checklist: isolation, sandbox, no Node in any frame or worker, web security on.
    expect(window.options.webPreferences).toEqual({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://regiodesk/index.html');
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });
});
