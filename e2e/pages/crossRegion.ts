import type { Locator, Page } from 'playwright-core';

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

  /** Every string value stored in the browser's IndexedDB databases (the laptop's local copy). */
  async localText(): Promise<string> {
    return this.page.evaluate(async () => {
      const out: string[] = [];
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(info.name!);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const rows = await new Promise<unknown[]>((resolve, reject) => {
            const r = db.transaction(store, 'readonly').objectStore(store).getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          out.push(JSON.stringify(rows));
        }
        db.close();
      }
      return out.join('\n');
    });
  }
}
