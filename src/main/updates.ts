/**
 * Auto-update through electron-updater. The feed is the `publish` entry of electron-builder.yml
 * (a `generic` provider, which the sync server can host under /updates/<os>/); electron-builder
 * writes it into the packaged app as app-update.yml. Only a packaged app checks: a dev or test
 * run has no app-update.yml and must never download or install anything.
 */
export const DISABLE_UPDATES_ENV = 'REGIODESK_DISABLE_UPDATES';

/** The part of electron-updater's AppUpdater used here (kept narrow so tests need no binary). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface UpdateCheckOptions {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  loadUpdater?: () => Promise<UpdaterLike>;
  log?: (message: string, error?: unknown) => void;
}

export type UpdateCheckOutcome = 'skipped' | 'checked' | 'failed';

export function shouldCheckForUpdates(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  // IT departments that roll out versions themselves switch the check off with the env var.
  return isPackaged && env[DISABLE_UPDATES_ENV] !== '1';
}

const loadElectronUpdater = async (): Promise<UpdaterLike> => (await import('electron-updater')).autoUpdater;

/**
 * Checks once, downloads in the background and installs on quit. Never throws: an app at a
 * fair is often offline, and a failed check must not stop anyone from working.
 */
export async function checkForUpdatesOnStart(options: UpdateCheckOptions): Promise<UpdateCheckOutcome> {
  if (!shouldCheckForUpdates(options.isPackaged, options.env)) return 'skipped';
  const log = options.log ?? ((message: string, error?: unknown) => console.warn(message, error ?? ''));
  try {
    const updater = await (options.loadUpdater ?? loadElectronUpdater)();
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    // Only stable releases, and never back to an older (possibly vulnerable) version.
    updater.allowPrerelease = false;
    updater.allowDowngrade = false;
    await updater.checkForUpdatesAndNotify();
    return 'checked';
  } catch (error) {
    log('Regiodesk: update check failed', error instanceof Error ? error.message : error);
    return 'failed';
  }
}
