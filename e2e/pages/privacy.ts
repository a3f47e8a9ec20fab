import type { Locator, Page } from 'playwright-core';

/** The privacy parts of the app: the section in a candidate's file and the supervisors' screen. */
export class PrivacyPage {
  constructor(private readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Privacy (AVG)' });
  }

  exportPdf(): Locator {
    return this.page.getByRole('button', { name: 'Inzage downloaden (PDF)' });
  }

  startErase(): Locator {
    return this.page.getByRole('button', { name: 'Gegevens wissen (AVG)…' });
  }

  async confirmErase(name: string): Promise<void> {
    await this.page.getByLabel('Typ de volledige naam ter bevestiging').fill(name);
    await this.page.getByRole('button', { name: 'Definitief wissen' }).click();
  }

  nav(): Locator {
    return this.page.getByRole('button', { name: 'Privacy', exact: true });
  }

  tab(name: 'Bewaartermijn' | 'Logboek'): Locator {
    return this.page.getByRole('tab', { name });
  }

  async setMonths(months: number): Promise<void> {
    await this.page.getByLabel('Bewaartermijn (maanden zonder activiteit)').fill(String(months));
    await this.page.getByRole('button', { name: 'Termijn opslaan' }).click();
  }

  retentionRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Kandidaten over de bewaartermijn' }).getByRole('row').filter({ hasText: name });
  }

  auditRows(): Locator {
    return this.page.getByRole('table', { name: 'Logboek' }).getByRole('row');
  }
}
