/**
 * The main window: secure webPreferences and the choice between the built renderer
 * (app://regiodesk/) and a dev server.
 */
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL, originOf } from './urls';

export const DEV_RENDERER_URL_ENV = 'REGIODESK_RENDERER_URL';

export interface RendererTarget {
  url: string;
  /** The only origin allowed to navigate in the window and to call IPC. */
  origin: string;
  devServer: boolean;
}

/**
 * A packaged app always loads its own files: honouring the environment variable there would
 * let anyone who can set an env var point the trusted window (and its bridge) at any site.
 */
export function resolveRendererTarget(isPackaged: boolean, env: NodeJS.ProcessEnv): RendererTarget {
  const devUrl = env[DEV_RENDERER_URL_ENV];
  if (!isPackaged && devUrl) {
    const origin = originOf(devUrl);
    if (origin === null || !/^https?:/.test(origin)) {
      throw new Error(`${DEV_RENDERER_URL_ENV} must be an http(s) URL, got ${JSON.stringify(devUrl)}`);
    }
    return { url: devUrl, origin, devServer: true };
  }
  return { url: APP_INDEX_URL, origin: originOf(APP_INDEX_URL) as string, devServer: false };
}

export interface MainWindowOptions {
  preloadPath: string;
  target: RendererTarget;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Regiodesk',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    // Shown once painted, to avoid a white flash on start.
    show: false,
    // Written out literally (not built by a helper) so reviewers and electronegativity's static
    // checks see every security option where the window is created.
    webPreferences: {
      preload: options.preloadPath,
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
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.target.url).catch((error: unknown) => {
    console.error(`Could not load the renderer from ${options.target.url}`, error);
  });
  return window;
}
