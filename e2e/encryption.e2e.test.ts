import { describe, expect, it } from 'vitest';
import { CandidatesPage } from './pages/candidates';
import { SecurityPage } from './pages/security';
import { withApp } from './support/app';
import { originDump } from './support/storage';

/**
 * Data at rest in the browser: after creating a candidate and a note (and leaving a note draft
 * half typed), no byte of the name, e-mail or texts is in any IndexedDB database or in
 * localStorage of the origin. After a reload the lock screen asks for the password before the
 * database opens; then the data, and the draft, are back.
 */
const PERSON = { first: 'Zilvermeeuw', last: 'Versleuteltest', email: 'zilver.uniek@example.nl' };
const NOTE = 'Gesprek over de Kwartelkoning-opleiding';
const DRAFT = 'Concept over de Roerdomp-school';
const SECRETS = [PERSON.first, PERSON.last, PERSON.email, 'Kwartelkoning', 'Roerdomp'];

describe('encryption at rest in the browser', () => {
  const app = withApp({ demoSize: 5 });

  it('keeps no plaintext of a new candidate, her note or a draft, and opens again with the password', async () => {
    const { context, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    await list.synced();

    await list.register({ Voornaam: PERSON.first, Achternaam: PERSON.last, 'E-mail': PERSON.email });
    const row = await list.find(PERSON.last);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.getByRole('link').first().click();
    await page.getByLabel('Tekst', { exact: true }).fill(NOTE);
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    const timeline = page.getByRole('region', { name: 'Tijdlijn' });
    await expect.poll(() => timeline.textContent(), { timeout: 20_000 }).toContain('Kwartelkoning');
    await page.getByLabel('Tekst', { exact: true }).fill(DRAFT); // typed, not saved

    // Sent to the server in plain JSON (the server is not the laptop) ...
    await list.synced();
    // ... but nothing readable at rest in the browser.
    const dump = await originDump(page);
    expect(dump).toContain('_enc'); // the records are there, sealed: the check can fail
    expect(dump.length).toBeGreaterThan(10_000);
    for (const secret of SECRETS) expect(dump, secret).not.toContain(secret);

    // A reload: the lock screen asks for the password before anything opens.
    await page.reload();
    const security = new SecurityPage(page);
    await security.lockHeading.waitFor({ timeout: 20_000 });
    expect(await page.getByText(PERSON.last).count()).toBe(0);
    await security.unlock('verkeerd');
    await expect.poll(() => security.lockError.textContent(), { timeout: 10_000 }).toBe('Dit wachtwoord klopt niet.');
    await security.unlockAfterReload('regiodesk');
    const again = await list.find(PERSON.last);
    await expect.poll(() => again.count(), { timeout: 20_000 }).toBe(1);
    await again.getByRole('link').first().click();
    await expect.poll(() => page.getByRole('region', { name: 'Tijdlijn' }).textContent(), { timeout: 20_000 }).toContain('Kwartelkoning');
    // The draft typed before the reload is back (sealed in localStorage, opened with the same key).
    await expect.poll(() => page.getByLabel('Tekst', { exact: true }).inputValue(), { timeout: 10_000 }).toBe(DRAFT);
    await context.close();
  }, 120_000);
});
