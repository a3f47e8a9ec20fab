import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../sync-server/testing';
import { CandidatesPage } from './pages/candidates';
import { LoginPage } from './pages/login';
import { SecurityPage } from './pages/security';
import { launchBrowser, type TestBrowser } from './support/browser';

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

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ demo: true, demoSize: 5, webRoot: 'dist/renderer' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Everything the origin keeps: every record of every IndexedDB database, and localStorage. */
async function dumpOrigin(page: import('playwright-core').Page): Promise<string> {
  return page.evaluate(async () => {
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const idb = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(idb.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push({ db: info.name, store, rows });
      }
      idb.close();
    }
    const local: Record<string, string | null> = {};
    for (let i = 0; i < localStorage.length; i++) local[localStorage.key(i)!] = localStorage.getItem(localStorage.key(i)!);
    return JSON.stringify({ out, local });
  });
}

describe('encryption at rest in the browser', () => {
  it('keeps no plaintext of a new candidate, her note or a draft, and opens again with the password', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.login('anna', 'regiodesk');
    const list = new CandidatesPage(page);
    await expect.poll(() => list.status.textContent(), { timeout: 30_000 }).toMatch(/Laatste synchronisatie/);

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
    await expect.poll(() => list.status.textContent(), { timeout: 30_000 }).toMatch(/Laatste synchronisatie/);
    // ... but nothing readable at rest in the browser.
    const dump = await dumpOrigin(page);
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
    await security.unlock('regiodesk');
    await security.lockHeading.waitFor({ state: 'detached', timeout: 20_000 });
    const again = await list.find(PERSON.last);
    await expect.poll(() => again.count(), { timeout: 20_000 }).toBe(1);
    await again.getByRole('link').first().click();
    await expect.poll(() => page.getByRole('region', { name: 'Tijdlijn' }).textContent(), { timeout: 20_000 }).toContain('Kwartelkoning');
    // The draft typed before the reload is back (sealed in localStorage, opened with the same key).
    await expect.poll(() => page.getByLabel('Tekst', { exact: true }).inputValue(), { timeout: 10_000 }).toBe(DRAFT);
    await context.close();
  }, 120_000);
});
