import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clockOf, DELETED_CLOCK } from '../src/shared';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../sync-server/testing';
import { serverDocs } from './support/couch';
import { originDump } from './support/storage';
import { launchBrowser, type TestBrowser } from './support/browser';
import { ImportPage } from './pages/import';
import { openHeaderMenu } from './pages/header';
import { LoginPage } from './pages/login';

const fixture = (name: string) => fileURLToPath(new URL(`../test-fixtures/import/${name}`, import.meta.url));

/**
 * The import wizard in Chromium against the real server: an Airtable export of the pilot base
 * through every step (columns matched, an unknown phase chosen, duplicates and rejections in the
 * dry run), the candidates and notes reaching the server by sync, then the batch undone.
 * A broken XLSX on the way shows a message and imports nothing.
 */
describe('candidate import wizard', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, demoSize: 5, webRoot: 'dist/renderer' });
    const ctx = await browser.newContext();
    page = await ctx.newPage();
    await new LoginPage(page).open(server.url);
    await new LoginPage(page).login('anna', 'regiodesk');
    await openHeaderMenu(page, 'more');
    await page.getByRole('button', { name: 'Importeren', exact: true }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const imported = async () =>
    (await serverDocs(server.url, 'region-twente', { user: 'admin', password: TEST_ADMIN_PASSWORD })).filter(
      (d) => d.type === 'candidate' && d.source === 'import' && !d._deleted,
    );

  it('reads an XLSX in the worker, and refuses a broken XLSX and an empty file with a message next to the field', async () => {
    const ui = new ImportPage(page);
    await ui.open();
    await ui.chooseFile(fixture('kandidaten.xlsx'));
    await page.getByText('3 rijen gevonden (XLSX)').waitFor();
    expect(await ui.columnSelect('Geboortedatum').inputValue()).toBe('dateOfBirth');
    await page.getByRole('button', { name: 'Terug' }).click();
    await ui.chooseFile(fixture('broken.xlsx'));
    await expect.poll(() => ui.fileError().textContent()).toMatch(/beschadigd/);
    await ui.chooseFile(fixture('empty.csv'));
    await expect.poll(() => ui.fileError().textContent()).toMatch(/leeg/);
  });

  it('imports the Airtable export with its notes, merges the duplicate imported anyway, then undoes the batch', async () => {
    const ui = new ImportPage(page);
    await ui.open();
    await ui.chooseFile(fixture('airtable-kandidaten.csv'));
    await page.getByText('12 rijen gevonden').waitFor();
    expect(await ui.columnSelect('Naam').inputValue()).toBe('name');
    expect(await ui.columnSelect('Sector voorkeur').inputValue()).toBe('sectors');
    expect(await ui.columnSelect('Notities').inputValue()).toBe('notes');
    await ui.next();

    // The pilot's phases are known; `wachtlijst` is not and is chosen here.
    await ui.valueSelect('Fase', 'wachtlijst').selectOption({ label: 'On hold' });
    await ui.next();

    await expect.poll(() => ui.summary().textContent()).toBe('10 nieuw, 1 mogelijk dubbel, 1 afgewezen');
    // The import worker's helper (a second worker) checked the second half of the 12 rows, and
    // the plan above (duplicate across the halves included) is the same as one worker's.
    const helped = await page.evaluate(() => (performance.getEntriesByName('regiodesk.import.plan').at(-1) as PerformanceMeasure | undefined)?.detail?.helped);
    expect(helped).toBe(6);
    const texts = await ui.rows().allTextContents();
    expect(texts.join('\n')).toMatch(/Laura Kortebroek.*Mogelijk dubbel.*zelfde e-mailadres/);
    expect(texts.join('\n')).toMatch(/10Kelly Sall.*Afgewezen.*E-mail/);

    // The second Laura is imported anyway, then merged on the duplicates screen.
    await ui.rows().filter({ hasText: 'Laura Kortebroek' }).getByLabel('toch importeren').check();
    await page.getByRole('button', { name: '11 kandidaten importeren' }).waitFor();
    await ui.start();
    await expect.poll(() => ui.report().textContent(), { timeout: 30_000 }).toMatch(/^11 kandidaten aangemaakt \(3 notities\)/);
    await expect.poll(async () => (await imported()).length, { timeout: 30_000 }).toBe(11);
    // Sealed ahead in the import worker, the imported personal fields lie at rest only as ciphertext.
    const dump = await originDump(page);
    expect(dump).toContain('_enc');
    for (const secret of ['laura@voorbeeld.nl', 'Kortebroek']) expect(dump, secret).not.toContain(secret);
    await openHeaderMenu(page, 'more');
    await page.getByRole('button', { name: 'Dubbelen', exact: true }).click();
    const group = page.getByTestId('duplicate-group').filter({ hasText: 'Laura Kortebroek' });
    await group.getByText('zelfde e-mailadres').waitFor();
    // Both Lauras on the server, with the clock of their creation (field-merge.ts, DELETED_CLOCK).
    const lauras = async () => new Map((await imported()).filter((d) => d.email === 'laura@voorbeeld.nl').map((d) => [String(d._id), clockOf(d, DELETED_CLOCK)]));
    const before = await lauras();
    expect(before.size).toBe(2);
    await group.getByRole('button', { name: 'Samenvoegen' }).click();
    await page.getByRole('button', { name: 'Ja, samenvoegen' }).click();
    await page.getByText(/Samengevoegd: 1 dubbele kaart/).waitFor();
    // Undone at once, before the merge's deletion has (necessarily) been pushed: the removed card
    // comes back and stays, on the server too (a re-created card used to lose against its own
    // deletion in sync). Done when the server holds the re-created card itself (a new clock of
    // existence), not merely the old one the deletion had not reached yet; then merged again.
    await page.getByRole('button', { name: 'Samenvoegen van Laura Kortebroek ongedaan maken' }).click();
    await page.getByText(/Samenvoegen ongedaan gemaakt: 1 kaart\(en\) terug/).waitFor();
    await expect
      .poll(async () => {
        const now = await lauras();
        return [...before.keys()].every((id) => now.has(id)) && [...before].some(([id, clock]) => now.get(id) !== clock);
      }, { timeout: 30_000 })
      .toBe(true);
    expect((await imported()).length).toBe(11);
    await group.getByRole('button', { name: 'Samenvoegen' }).click();
    await page.getByRole('button', { name: 'Ja, samenvoegen' }).click();
    await page.getByText(/Samengevoegd: 1 dubbele kaart/).waitFor();
    await expect.poll(async () => (await imported()).length, { timeout: 30_000 }).toBe(10);
    const laura = (await imported()).find((d) => d.email === 'laura@voorbeeld.nl');
    expect(laura).toMatchObject({ sectors: ['vo', 'pro'], functions: ['onderwijsassistent'], dateOfBirth: '1990-12-31', consent: { given: false } });
    // Notes replicate through their own collection: they may arrive a moment after the candidates.
    const notesOf = async (id: string) => (await serverDocs(server.url, 'region-twente', { user: 'admin', password: TEST_ADMIN_PASSWORD })).filter((d) => d.type === 'note' && d.candidateId === id);
    await expect.poll(async () => (await notesOf(laura!._id as string)).length, { timeout: 30_000 }).toBe(1);

    // The list shows them; the export button is there for the view.
    await page.getByRole('button', { name: 'Kandidaten', exact: true }).first().click();
    await page.getByRole('button', { name: 'Exporteren als CSV' }).waitFor();

    await ui.open();
    expect(await ui.batches().first().textContent()).toMatch(/airtable-kandidaten\.csv.*11 kandidaten.*geïmporteerd/);
    await ui.undoFirstBatch();
    await page.getByText('Import van airtable-kandidaten.csv is ongedaan gemaakt.').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await imported()).length, { timeout: 30_000 }).toBe(0);
  });
});
