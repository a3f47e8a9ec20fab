import type { Page } from 'playwright-core';

/** The login screen, by its accessible labels. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  /**
   * In web mode the server serves the app; on the desktop the app is already open (app://) and
   * the server is chosen on the login screen.
   */
  async open(baseUrl: string): Promise<void> {
    if (this.page.url().startsWith('app://')) {
      await this.page.getByLabel('Server', { exact: true }).fill(baseUrl);
      return;
    }
    await this.page.goto(`${baseUrl}/app/`);
  }

  async login(user: string, password: string): Promise<void> {
    await this.page.getByLabel('Gebruikersnaam').fill(user);
    await this.page.getByLabel('Wachtwoord').fill(password);
    await this.page.getByRole('button', { name: 'Inloggen' }).click();
  }
}
