import type { Locator, Page } from 'playwright-core';
import { openHeaderMenu } from './header';

/** Lock screen, logout-and-wipe and the consent flag, by their Dutch labels. */
export class SecurityPage {
  constructor(private readonly page: Page) {}

  get lockHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Regiodesk is vergrendeld' });
  }

  /** Makes the inactivity lock short for this browser profile (read when the watcher starts). */
  async setLockAfterMs(ms: number): Promise<void> {
    await this.page.evaluate((value) => localStorage.setItem('regiodesk.lockAfterMs', String(value)), ms);
  }

  async unlock(password: string): Promise<void> {
    await this.page.getByLabel('Wachtwoord').fill(password);
    await this.page.getByRole('button', { name: 'Ontgrendelen' }).click();
  }

  /**
   * Web mode after a reload: the local data key comes from the password, so the lock screen asks
   * for it before the database opens.
   */
  async unlockAfterReload(password: string): Promise<void> {
    await this.lockHeading.waitFor({ timeout: 20_000 });
    await this.unlock(password);
    await this.lockHeading.waitFor({ state: 'detached', timeout: 20_000 });
  }

  get lockError(): Locator {
    return this.page.locator('#lock-error');
  }

  async logoutAndWipe(): Promise<void> {
    await openHeaderMenu(this.page, 'account');
    await this.page.getByRole('button', { name: 'Uitloggen en gegevens wissen' }).click();
    await this.page.getByRole('button', { name: 'Ja, uitloggen en wissen' }).click();
  }

  /** What is left in this origin's browser storage. */
  async leftovers(): Promise<{ databases: string[]; localStorage: string[] }> {
    return this.page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
      localStorage: Object.keys(localStorage),
    }));
  }

  consentFlag(row: Locator): Locator {
    return row.locator('[data-consent-flag]');
  }

  async withdrawConsent(): Promise<void> {
    await this.consentSection.getByRole('button', { name: 'Toestemming ingetrokken' }).click();
    await this.consentSection.getByRole('button', { name: 'Ja, intrekken en wissen aanvragen' }).click();
  }

  get consentSection(): Locator {
    return this.page.getByRole('region', { name: /Toestemming \(AVG\)/ });
  }
}
