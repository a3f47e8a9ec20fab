import type { Page } from 'playwright-core';

/** The network screens (features/network), by their Dutch accessible names. */
export class NetworkPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Netwerk' }).getByRole('button', { name: 'Netwerk' }).click();
  }

  async importReference(file: string): Promise<void> {
    const main = this.page.getByRole('main');
    await main.getByRole('button', { name: 'Referentiedata importeren' }).click();
    await main.getByLabel('Bestand', { exact: true }).setInputFiles(file);
    await main.getByRole('button', { name: 'Importeren', exact: true }).click();
  }

  get report() {
    return this.page.getByTestId('import-report');
  }

  get count() {
    return this.page.getByTestId('org-count');
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('main').getByLabel('Zoeken').fill(text);
  }

  async openOrganisation(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
  }

  async addPerson(p: { name: string; role: string; email: string; phone: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Contactpersoon toevoegen' });
    await form.getByLabel('Naam').fill(p.name);
    await form.getByLabel('Functie').fill(p.role);
    await form.getByLabel('E-mail').fill(p.email);
    await form.getByLabel('Telefoon').fill(p.phone);
    await form.getByLabel('Telefoon').press('Enter');
  }

  get people() {
    return this.page.getByTestId('org-people');
  }
}
