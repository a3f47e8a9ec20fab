/**
 * Entry point of the Electron main process: wiring only, the behaviour lives in the modules.
 * Bundled to dist/main/main.cjs, next to preload.cjs and beside dist/renderer.
 */
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { CREDENTIALS_FILE_NAME, createCredentialStore } from './credentials';
import { createDataKeyStore, DATA_KEY_FILE_NAME } from './data-key';
import { registerIpcHandlers } from './ipc';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { buildContentSecurityPolicy, hardenWebContents, installContentSecurityPolicy, restrictPermissions } from './security';
import { checkForUpdatesOnStart } from './updates';
import { createMainWindow, resolveRendererTarget } from './window';

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// All three must happen before 'ready'.
registerAppScheme();
app.enableSandbox();
// Chromium formats date and time inputs by its own locale, not the page's lang: without this an
// English system shows mm/dd/yyyy to Dutch advisors, who type 31-12-1990.
app.commandLine.appendSwitch('lang', 'nl');

if (!app.requestSingleInstanceLock()) {
  // Two instances would share one IndexedDB and race each other's replication.
  app.quit();
} else {
  const target = resolveRendererTarget(app.isPackaged, process.env);
  const allowedOrigins = [target.origin];
  const contentSecurityPolicy = buildContentSecurityPolicy({ devServer: target.devServer });
  let mainWindow: BrowserWindow | null = null;

  const openMainWindow = (): void => {
    mainWindow = createMainWindow({ preloadPath, target });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, allowedOrigins));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    // macOS apps conventionally stay alive in the dock until Cmd+Q.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      registerAppProtocol({ rootDir: rendererDir, contentSecurityPolicy });
      installContentSecurityPolicy(session.defaultSession, contentSecurityPolicy);
      restrictPermissions(session.defaultSession, allowedOrigins);
      registerIpcHandlers({
        allowedOrigins,
        credentials: createCredentialStore(path.join(app.getPath('userData'), CREDENTIALS_FILE_NAME)),
        dataKeys: createDataKeyStore(path.join(app.getPath('userData'), DATA_KEY_FILE_NAME)),
      });
      openMainWindow();
      // Packaged builds only (see updates.ts); runs in the background and never throws.
      void checkForUpdatesOnStart({ isPackaged: app.isPackaged, env: process.env });
    })
    .catch((error: unknown) => {
      console.error('Regiodesk failed to start', error);
      app.exit(1);
    });
}
