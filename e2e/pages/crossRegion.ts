import type { Locator, Page } from 'playwright-core';
import { originIndexedDb } from '../support/storage';

/** The candidate file's timeline and regions sections, by what a user sees. */
export class CrossRegionPage {
  constructor(private readonly page: Page) {}

  async openFile(fullName: string): Promise<void> {
    await this.page.getByRole('link', { name: fullName, exact: true }).first().click();
    await this.page.getByRole('heading', { name: 'Tijdlijn' }).waitFor();
  }

  get timeline(): Locator {
    return this.page.getByRole('list', { name: 'Tijdlijn' });
  }

  async write(text: string, kind: 'note' | 'comment', contact?: string): Promise<void> {
    await this.page.getByRole('radio', { name: kind === 'note' ? /^Notitie/ : /^Opmerking/ }).check();
    if (contact) await this.page.getByLabel('Soort contact').selectOption({ label: contact });
    await this.page.getByLabel('Tekst', { exact: true }).fill(text);
    await this.page.getByRole('button', { name: kind === 'note' ? 'Notitie opslaan' : 'Opmerking opslaan' }).click();
    await this.timeline.getByText(text).waitFor();
  }

  /** The texts of the timeline's notes and comments, in the order shown. */
  async noteTexts(): Promise<string[]> {
    return this.timeline.locator('.note-text').allTextContents();
  }

  async unlink(regionName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Ontkoppelen van ${regionName}` }).click();
    await this.page.getByRole('button', { name: 'Ja, ontkoppelen' }).click();
  }

  /** Every record stored in the browser's IndexedDB databases (the laptop's local copy), as JSON text. */
  async localText(): Promise<string> {
    return (await originIndexedDb(this.page)).map((s) => JSON.stringify(s.rows)).join('\n');
  }
}
