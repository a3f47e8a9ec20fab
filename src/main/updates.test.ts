// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { checkForUpdatesOnStart, shouldCheckForUpdates, type UpdaterLike } from './updates';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

function fakeUpdater(check: () => Promise<unknown> = async () => null): UpdaterLike & { checks: number } {
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowPrerelease: true,
    allowDowngrade: true,
    checks: 0,
    checkForUpdatesAndNotify: async () => {
      updater.checks += 1;
      return check();
    },
  };
  return updater;
}

describe('update check on start', () => {
  it('never runs in development or tests, nor when IT switched it off', async () => {
    expect(shouldCheckForUpdates(false, {})).toBe(false);
    expect(shouldCheckForUpdates(true, { REGIODESK_DISABLE_UPDATES: '1' })).toBe(false);
    expect(shouldCheckForUpdates(true, {})).toBe(true);
    const loadUpdater = vi.fn(async () => fakeUpdater());
    await expect(checkForUpdatesOnStart({ isPackaged: false, env: {}, loadUpdater })).resolves.toBe('skipped');
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('checks once when packaged, stable releases only, no downgrades', async () => {
    const updater = fakeUpdater();
    await expect(checkForUpdatesOnStart({ isPackaged: true, env: {}, loadUpdater: async () => updater })).resolves.toBe('checked');
    expect(updater.checks).toBe(1);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowPrerelease: false, allowDowngrade: false });
  });

  it('survives being offline', async () => {
    const log = vi.fn();
    const updater = fakeUpdater(async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    });
    await expect(checkForUpdatesOnStart({ isPackaged: true, env: {}, loadUpdater: async () => updater, log })).resolves.toBe('failed');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('update check failed'), 'net::ERR_INTERNET_DISCONNECTED');
  });
});
