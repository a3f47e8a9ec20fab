import type { Locator, Page } from 'playwright-core';

/** The vacancy screens, by their Dutch accessible labels. */
export class VacanciesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Vacatures', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Vacatures', exact: true }).waitFor();
  }

  async create(v: { title: string; organisation: string; sector: string; subject: string; postcode: string; route: string; public: boolean }): Promise<void> {
    await this.page.getByRole('button', { name: 'Nieuwe vacature' }).click();
    await this.page.getByLabel('Titel').fill(v.title);
    // The organisation picker (own and reference organisations): its last option enters a new one.
    // Chosen by name, not by End + Enter: the organisations load on focus and move the options.
    await this.page.getByRole('combobox', { name: 'Organisatie' }).focus();
    await this.page.getByRole('option', { name: 'Nieuwe organisatie invoeren…' }).click();
    await this.page.getByLabel('Naam nieuwe organisatie').fill(v.organisation);
    await this.page.getByLabel('Sector', { exact: true }).selectOption({ label: v.sector });
    await this.page.getByRole('group', { name: 'Vakken' }).getByLabel(v.subject, { exact: true }).check();
    await this.page.getByLabel('Postcode school').fill(v.postcode);
    await this.page.getByRole('group', { name: 'Mogelijke routes' }).getByLabel(v.route, { exact: true }).check();
    if (v.public) await this.page.getByLabel('Publiceren op de openbare vacaturelijst').check();
    await this.page.getByRole('button', { name: 'Opslaan' }).click();
  }

  get ranked(): Locator {
    return this.page.getByTestId('ranked-candidates');
  }

  async propose(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${name} voorstellen voor`) }).click();
  }

  pipeline(name: string): Locator {
    return this.page.getByTestId('match-pipeline').filter({ hasText: name });
  }

  /** Records a step with date and note in the named match's pipeline form. */
  async step(name: string, step: string, note: string): Promise<void> {
    const p = this.pipeline(name);
    await p.getByLabel('Stap', { exact: true }).selectOption({ label: step });
    await p.getByLabel('Notitie').fill(note);
    await p.getByRole('button', { name: 'Stap vastleggen' }).click();
  }
}
