import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core. Tests never download a browser: when none is
 * found they fail and say how to get one, rather than being skipped and passing silently.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
  browser: Browser;
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
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
    // Every context is a fresh profile: its own IndexedDB, cookies and service workers.
    newContext: () => browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' }),
    async close() {
      await browser.close();
    },
  };
}
