import type { Page } from 'playwright-core';
import { openHeaderMenu } from './header';

/** The import wizard, by its Dutch labels. */
export class ImportPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await openHeaderMenu(this.page, 'more');
    await this.page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Kandidaten importeren' }).waitFor();
  }

  async chooseFile(path: string): Promise<void> {
    await this.page.getByLabel('Kies een bestand (CSV of XLSX)').setInputFiles(path);
  }

  fileError() {
    return this.page.locator('#import-file-error');
  }

  columnSelect(header: string) {
    return this.page.getByLabel(`Veld voor kolom ${header}`);
  }

  valueSelect(field: string, value: string) {
    return this.page.getByLabel(`${field}: „${value}”`);
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Volgende' }).click();
  }

  summary() {
    return this.page.getByTestId('import-summary');
  }

  rows() {
    return this.page.locator('table.import-rows tbody tr');
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: /kandidaten importeren$/ }).click();
  }

  report() {
    return this.page.getByTestId('import-report');
  }

  batches() {
    return this.page.getByTestId('import-batch');
  }

  async undoFirstBatch(): Promise<void> {
    await this.batches().first().getByRole('button', { name: 'Ongedaan maken' }).click();
    await this.page.getByRole('button', { name: 'Ja, verwijderen' }).click();
  }
}
