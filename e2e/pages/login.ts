import type { Page } from 'playwright-core';

/** The login screen, by its accessible labels. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/app/`);
  }

  async login(user: string, password: string): Promise<void> {
    await this.page.getByLabel('Gebruikersnaam').fill(user);
    await this.page.getByLabel('Wachtwoord').fill(password);
    await this.page.getByRole('button', { name: 'Inloggen' }).click();
  }
}
