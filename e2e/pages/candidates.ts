import type { Locator, Page } from 'playwright-core';

export interface IntakeFields {
  Voornaam?: string;
  Achternaam?: string;
  'E-mail'?: string;
  Telefoon?: string;
  Plaats?: string;
}

/** The candidate list, the intake form and the sync status, by what a user sees. */
export class CandidatesPage {
  constructor(private readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('sync-status');
  }

  /** Waits until the status bar reports a finished sync (after login: the first full pull). */
  async synced(timeoutMs = 30_000): Promise<void> {
    await this.status.filter({ hasText: /Laatste synchronisatie/ }).waitFor({ timeout: timeoutMs });
  }

  get newCandidateButton(): Locator {
    return this.page.getByRole('button', { name: 'Nieuwe kandidaat' });
  }

  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  /** The list is virtualised: search first, as a user would, so the row is rendered. */
  async find(text: string): Promise<Locator> {
    await this.page.getByRole('searchbox').fill(text);
    return this.row(text);
  }

  async register(fields: IntakeFields): Promise<void> {
    await this.newCandidateButton.click();
    for (const [label, value] of Object.entries(fields)) {
      await this.page.getByLabel(label, { exact: true }).fill(value);
    }
    await this.page.getByRole('button', { name: 'Opslaan' }).click();
  }
}
