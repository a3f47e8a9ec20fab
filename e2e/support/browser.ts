import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { electronBinaryPath } from '../../scripts/start-electron.mjs';

/**
 * Where the e2e tests run the app. `web` (the default): Debian's Chromium against the web app the
 * sync server serves. `electron`: the desktop app through Playwright's `_electron`, chosen with
 * REGIODESK_E2E_TARGET=electron where an Electron binary exists. Tests never download a browser:
 * when none is found they fail and say how to get one, rather than being skipped.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const E2E_TARGET: 'web' | 'electron' = process.env.REGIODESK_E2E_TARGET === 'electron' ? 'electron' : 'web';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser | null;
  /** A fresh profile: its own IndexedDB, cookies and service workers (a new app instance on Electron). */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. The browser tests need one: run \`apt-get install -y chromium\` ` +
        '(Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  // playwright-core gives every launch a fresh temporary profile (user-data dir) of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  return {
    browser,
    newContext: () => browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' }),
    close: () => browser.close(),
  };
}

async function launchElectron(): Promise<TestBrowser> {
  const executablePath = electronBinaryPath();
  if (!executablePath) {
    throw new Error('REGIODESK_E2E_TARGET=electron, but no Electron binary is installed (node_modules/electron/dist).');
  }
  const apps: { close(): Promise<void> }[] = [];
  const dirs: string[] = [];
  return {
    browser: null,
    async newContext() {
      const userData = mkdtempSync(join(tmpdir(), 'regiodesk-electron-'));
      dirs.push(userData);
      const app = await _electron.launch({
        executablePath,
        args: ['.', `--user-data-dir=${userData}`],
        cwd: join(import.meta.dirname, '..'),
      });
      apps.push(app);
      const context = app.context();
      // The app has one window and blocks window.open: a "new page" is that window.
      const firstWindow = app.firstWindow();
      return Object.assign(context, { newPage: (): Promise<Page> => firstWindow });
    },
    async close() {
      await Promise.all(apps.map((a) => a.close()));
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<TestBrowser> {
  return E2E_TARGET === 'electron' ? launchElectron() : launchChromium();
}
