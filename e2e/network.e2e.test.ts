import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_ADMIN_PASSWORD } from '../sync-server/testing';
import { launchBrowser, type TestBrowser } from './support/browser';
import { serverDocs } from './support/couch';
import { LoginPage } from './pages/login';
import { openHeaderMenu } from './pages/header';
import { NetworkPage } from './pages/network';
import { SecurityPage } from './pages/security';

const DUO_FILE = fileURLToPath(new URL('../test-fixtures/reference/duo-vestigingen-2022.csv', import.meta.url));

/**
 * The network from public data: the administrator imports DUO's school locations in the app
 * (progress, report); an advisor's app pulls them, finds a school, adds a contact person, and
 * still sees her after a reload; the person went to the region, never to the reference data.
 */
describe('network and reference data', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, demoSize: 10, webRoot: 'dist/renderer' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('admin imports DUO in the app; an advisor finds a school and adds a contact person', async () => {
    const adminCtx = await browser.newContext();
    const adminPage = await adminCtx.newPage();
    await new LoginPage(adminPage).open(server.url);
    await new LoginPage(adminPage).login('admin', TEST_ADMIN_PASSWORD);
    const adminNet = new NetworkPage(adminPage);
    await adminNet.open();
    await adminNet.importReference(DUO_FILE);
    await expect.poll(() => adminNet.report.textContent(), { timeout: 30_000 }).toContain('30 regels: 30 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 gesloten, 0 afgewezen');
    await adminCtx.close();

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await new LoginPage(page).open(server.url);
    await new LoginPage(page).login('anna', 'regiodesk');
    const net = new NetworkPage(page);
    await net.open();
    // Reference data arrives by the pull-only replication, next to the region's own organisations.
    await net.search('Oriënt');
    await expect.poll(() => page.getByRole('link', { name: 'Kindcentrum Oriënt', exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await net.search('');
    await page.getByRole('main').getByLabel('Plaats').selectOption('Oldenzaal');
    await expect.poll(() => net.count.textContent()).toMatch(/^\d+ organisaties$/);
    await net.openOrganisation('Kindcentrum Oriënt');
    await expect.poll(() => page.getByText('referentiedata (DUO, alleen-lezen)').count()).toBe(1);
    expect(await page.getByText('11CD 01').count()).toBe(1);

    // A bad e-mail stays in the form with a message next to the field.
    await net.addPerson({ name: 'Petra de Boer', role: 'Directeur', email: 'petra@', phone: '053-1234567' });
    await expect.poll(() => page.getByText('Vul een geldig e-mailadres in').count()).toBe(1);
    await page.getByRole('form', { name: 'Contactpersoon toevoegen' }).getByLabel('E-mail').fill('petra@orient.nl');
    await page.getByRole('form', { name: 'Contactpersoon toevoegen' }).getByRole('button', { name: 'Contactpersoon toevoegen' }).click();
    await expect.poll(() => net.people.textContent()).toContain('Petra de Boer — Directeur');

    await page.reload();
    await new SecurityPage(page).unlockAfterReload('regiodesk'); // the data key comes from the password
    await net.open();
    await net.search('Oriënt');
    await net.openOrganisation('Kindcentrum Oriënt');
    await expect.poll(() => net.people.textContent(), { timeout: 30_000 }).toContain('petra@orient.nl');

    // The region's own organisation, with its note, beside the reference data.
    await net.open();
    await page.getByRole('button', { name: 'Eigen organisatie toevoegen' }).click();
    const form = page.getByRole('form', { name: 'Eigen organisatie toevoegen' });
    await form.getByRole('button', { name: 'Organisatie opslaan' }).click();
    await expect.poll(() => form.getByText('Dit veld is verplicht.').count()).toBe(1);
    await form.getByLabel('Naam').fill('Gemeente Oldenzaal');
    await form.getByLabel('Notitie van de regio').fill('Wethouder onderwijs denkt mee over zij-instroom.');
    await form.getByRole('button', { name: 'Organisatie opslaan' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Gemeente Oldenzaal' }).count()).toBe(1);
    expect(await page.getByText('Wethouder onderwijs denkt mee').count()).toBe(1);

    const admin = { user: 'admin', password: TEST_ADMIN_PASSWORD };
    await expect
      .poll(async () => (await serverDocs(server.url, 'region-twente', admin)).filter((d) => d.type === 'person' || d.source === 'region').map((d) => d.name).sort(), { timeout: 30_000 })
      .toEqual(['Gemeente Oldenzaal', 'Petra de Boer']);
    expect((await serverDocs(server.url, 'reference', admin)).filter((d) => d.type !== 'organisation')).toEqual([]);

    // The region's own note on the DUO school: kept in the region's database, never in the reference data.
    await net.open();
    await net.search('Oriënt');
    await net.openOrganisation('Kindcentrum Oriënt');
    const note = page.getByTestId('org-region-note');
    await note.getByRole('button', { name: 'Notitie toevoegen' }).click();
    await note.getByRole('textbox', { name: 'Notitie van de regio' }).fill('Directeur zoekt zij-instromers voor groep 5.');
    await note.getByRole('button', { name: 'Notitie opslaan' }).click();
    await expect.poll(() => note.textContent()).toContain('Directeur zoekt zij-instromers voor groep 5.');
    const firstNote = async () => (await serverDocs(server.url, 'region-twente', admin)).find((d) => d.about === 'duo-11CD01');
    await expect.poll(async () => (await firstNote())?.note, { timeout: 30_000 }).toBe('Directeur zoekt zij-instromers voor groep 5.');
    const firstNoteAt = String((await firstNote())?.updatedAt);
    // Emptying the note removes it, with an undo that brings the text back.
    await note.getByRole('button', { name: 'Notitie bewerken' }).click();
    await note.getByRole('textbox', { name: 'Notitie van de regio' }).fill('');
    await note.getByRole('button', { name: 'Notitie opslaan' }).click();
    await note.getByText('Notitie verwijderd.').waitFor();
    await expect.poll(() => note.textContent()).not.toContain('Directeur zoekt');
    await note.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => note.textContent()).toContain('Directeur zoekt zij-instromers voor groep 5.');
    await expect.poll(() => note.getByText('Notitie verwijderd.').count()).toBe(0);
    // Undone before the removal was (necessarily) pushed: the note is re-created under its own id
    // and must stay, on the server too. Done when the server holds the re-created note (written
    // later than the first), not the first note the removal had not reached yet.
    const regionNote = async () => (await serverDocs(server.url, 'region-twente', admin)).find((d) => d.about === 'duo-11CD01');
    await expect.poll(async () => String((await regionNote())?.updatedAt ?? '') > firstNoteAt, { timeout: 30_000 }).toBe(true);
    expect((await regionNote())?.note).toBe('Directeur zoekt zij-instromers voor groep 5.');
    await expect.poll(() => note.textContent()).toContain('Directeur zoekt zij-instromers voor groep 5.');

    // An own organisation that is the same school: found as a likely duplicate and merged into the DUO one.
    await net.open();
    await page.getByRole('button', { name: 'Eigen organisatie toevoegen' }).click();
    await form.getByLabel('Naam').fill('Kindcentrum Orient');
    await form.getByLabel('Plaats').fill('Oldenzaal');
    await form.getByLabel('Notitie van de regio').fill('Parkeren achter de school.');
    await form.getByRole('button', { name: 'Organisatie opslaan' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Kindcentrum Orient' }).count()).toBe(1);
    // A contact person at the own organisation: a link the merge moves and its undo moves back.
    await net.addPerson({ name: 'Karim Smit', role: 'Conciërge', email: 'karim@orient.nl', phone: '053-7654321' });
    await expect.poll(() => net.people.textContent()).toContain('Karim Smit — Conciërge');
    // The own organisation as the server has it before the merge.
    const twente = async () => serverDocs(server.url, 'region-twente', admin);
    const ownOrg = async () => (await twente()).filter((d) => d.type === 'organisation' && d.name === 'Kindcentrum Orient');
    const karim = async () => (await twente()).find((d) => d.type === 'person' && d.name === 'Karim Smit');
    await expect.poll(async () => (await ownOrg()).length, { timeout: 30_000 }).toBe(1);
    const ownBefore = (await ownOrg())[0]!;
    await openHeaderMenu(page, 'more');
    await page.getByRole('button', { name: 'Dubbelen', exact: true }).click();
    await page.getByRole('button', { name: 'Organisaties', exact: true }).click();
    const group = page.getByTestId('duplicate-group').filter({ hasText: 'Kindcentrum Orient' });
    await group.getByText('zelfde naam en plaats of postcode').waitFor({ timeout: 30_000 });
    await group.getByRole('radio', { name: 'Deze bewaren (DUO, referentiedata)' }).check();
    await group.getByRole('button', { name: 'Samenvoegen' }).click();
    await page.getByRole('button', { name: 'Ja, samenvoegen' }).click();
    await page.getByText(/Samengevoegd met Kindcentrum Oriënt: 1 organisatie/).waitFor();

    // Undone at once, before the merge's deletion has (necessarily) been pushed: the own
    // organisation, its contact person's link and the region note come back and stay.
    await page.getByRole('button', { name: 'Samenvoegen met Kindcentrum Oriënt ongedaan maken' }).click();
    await page.getByText(/Samenvoegen ongedaan gemaakt: 1 organisatie\(s\) terug/).waitFor();
    await group.getByText('zelfde naam en plaats of postcode').waitFor({ timeout: 30_000 });
    // Done when the server holds the re-created organisation (written by the undo, later than the
    // first), not the first one the merge's deletion had not reached yet.
    await expect
      .poll(async () => (await ownOrg()).map((d) => String(d.updatedAt) > String(ownBefore.updatedAt) && d.note), { timeout: 30_000 })
      .toEqual(['Parkeren achter de school.']);
    await expect.poll(async () => (await karim())?.organisationIds, { timeout: 30_000 }).toEqual([ownBefore._id ?? ownBefore.id]);
    await expect.poll(async () => (await regionNote())?.note, { timeout: 30_000 }).toBe('Directeur zoekt zij-instromers voor groep 5.');
    await net.open();
    await net.search('Orient');
    await net.openOrganisation('Kindcentrum Orient');
    await expect.poll(() => net.people.textContent(), { timeout: 30_000 }).toContain('Karim Smit');

    // Merged again, now left to sync: the own organisation goes, its note joins the region's
    // note on the DUO school, its contact person moves; nothing lands in the reference data.
    await openHeaderMenu(page, 'more');
    await page.getByRole('button', { name: 'Dubbelen', exact: true }).click();
    await page.getByRole('button', { name: 'Organisaties', exact: true }).click();
    await group.getByText('zelfde naam en plaats of postcode').waitFor({ timeout: 30_000 });
    await group.getByRole('radio', { name: 'Deze bewaren (DUO, referentiedata)' }).check();
    await group.getByRole('button', { name: 'Samenvoegen' }).click();
    await page.getByRole('button', { name: 'Ja, samenvoegen' }).click();
    await page.getByText(/Samengevoegd met Kindcentrum Oriënt: 1 organisatie/).waitFor();
    await expect.poll(async () => (await ownOrg()).length, { timeout: 30_000 }).toBe(0);
    await expect
      .poll(async () => (await regionNote())?.note, { timeout: 30_000 })
      .toBe('Directeur zoekt zij-instromers voor groep 5.\n\nParkeren achter de school.');
    expect((await serverDocs(server.url, 'reference', admin)).filter((d) => d.about !== undefined || d.note !== undefined)).toEqual([]);
    expect(await serverDocs(server.url, 'region-utrecht', admin).then((ds) => ds.filter((d) => d.about !== undefined))).toEqual([]);
    await expect.poll(async () => (await karim())?.organisationIds, { timeout: 30_000 }).toEqual(['duo-11CD01']);
    await ctx.close();
    // One scenario from import to merge: more steps than the default 30 s allows on a busy machine.
  }, 240_000);
});
