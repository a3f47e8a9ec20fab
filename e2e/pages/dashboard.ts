import type { Locator, Page } from 'playwright-core';

/** The dashboard and its click-through list, by what a user sees (test ids for the numbers). */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Dashboard', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Dashboard', level: 2 }).waitFor();
  }

  total(region: string): Locator {
    return this.page.getByTestId(`${region}-tile-total`).locator('.dash-tile-value');
  }

  /** The count of one phase in the "Per fase" table: a button that opens its candidates. */
  phase(region: string, phase: string): Locator {
    return this.page.getByTestId(`${region}-phase-${phase}`);
  }

  async number(l: Locator): Promise<number> {
    if ((await l.count()) === 0) return 0;
    return Number((await l.innerText()).trim());
  }

  /** Ids of the candidates in the click-through list (all rendered: the list is short). */
  async listedIds(): Promise<string[]> {
    const ids = await this.page.locator('tr.row-link').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
    return ids.sort();
  }

  listCount(): Locator {
    return this.page.getByTestId('figure-list-count');
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: /Terug naar het dashboard/ }).click();
  }

  get outside(): Locator {
    return this.page.getByTestId('outside-region');
  }
}
