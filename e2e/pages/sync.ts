import type { Page } from 'playwright-core';

/** A candidate's file, its edit form and the sync overview, by what a user sees. */
export class SyncPage {
  constructor(readonly page: Page) {}

  get status() {
    return this.page.getByTestId('sync-status');
  }

  async openFile(id: string, lastName: string): Promise<void> {
    await this.page.getByRole('searchbox').fill(lastName);
    await this.page.locator(`tr[data-id="${id}"]`).click();
    await this.page.getByRole('heading', { level: 2, name: new RegExp(lastName) }).waitFor();
  }

  /** Opens the edit form of the open file, fills the fields by label and saves. */
  async edit(fields: Record<string, string>): Promise<void> {
    await this.page.getByRole('button', { name: 'Bewerken' }).click();
    for (const [label, value] of Object.entries(fields)) await this.page.getByLabel(label, { exact: true }).fill(value);
    await this.page.getByRole('button', { name: 'Opslaan' }).click();
    await this.page.getByRole('button', { name: 'Bewerken' }).waitFor();
  }

  async openOverview(): Promise<void> {
    const toggle = this.page.getByTestId('sync-details');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await this.page.getByTestId('sync-panel').waitFor();
  }

  summary(what: 'sent' | 'received' | 'conflicts' | 'rejected') {
    return this.page.getByTestId(`summary-${what}`);
  }
}
