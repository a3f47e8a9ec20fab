import type { Page } from 'playwright-core';

/** Activities, an activity's page and event mode, by their accessible names. */
export class EventsPage {
  constructor(private readonly page: Page) {}

  async openActivity(title: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Activiteiten' }).click();
    await this.page.getByRole('link', { name: title }).click();
  }

  async startEventMode(): Promise<void> {
    await this.page.getByRole('button', { name: 'Evenementmodus', exact: true }).click();
    await this.page.getByLabel('Voornaam', { exact: true }).waitFor();
  }

  get count() {
    return this.page.getByTestId('event-count');
  }

  get announce() {
    return this.page.getByTestId('event-announce');
  }

  /** Types one person with the keyboard only and presses Enter in the last field. */
  async register(p: { firstName: string; lastName: string; email: string }): Promise<void> {
    const first = this.page.getByLabel('Voornaam', { exact: true });
    await first.focus();
    await this.page.keyboard.type(p.firstName);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(p.lastName);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(p.email);
    await this.page.getByLabel('Toestemming gegeven').focus();
    await this.page.keyboard.press('Space');
    await this.page.keyboard.press('Enter');
  }

  /** Check-in with the filter: a few letters, then one keystroke. */
  async checkIn(name: string): Promise<void> {
    await this.page.keyboard.press('Alt+2');
    await this.page.keyboard.type(name);
    await this.page.keyboard.press('Enter');
  }
}
