import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { basicAuth, TEST_ADMIN_PASSWORD } from '../sync-server/testing';
import { withApp } from './support/app';
import { serverDocs } from './support/couch';
import { CandidatesPage } from './pages/candidates';
import { seriousViolations } from './pages/caseHandling';
import { NetworkPage } from './pages/network';

const DUO_FILE = fileURLToPath(new URL('../test-fixtures/reference/duo-vestigingen-2022.csv', import.meta.url));

/**
 * Linking a candidate to a DUO school from her file, with the keyboard only: the picker searches
 * the reference data (not just the region's own organisations), the contact keeps the school's
 * reference id, and the school's page in the network lists the candidate.
 */
describe('school contact picker', () => {
  const app = withApp({
    demoSize: 10,
    // The administrator imports DUO's school locations through the server's import endpoint.
    setup: async (a) => {
      const res = await fetch(`${a.url}/_regiodesk/reference/import?format=duo`, {
        method: 'POST',
        headers: { authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'content-type': 'text/csv' },
        body: new Uint8Array(await readFile(DUO_FILE)),
      });
      const text = await res.text();
      if (!res.ok || !text.includes('"report"')) throw new Error(`reference import failed: ${res.status} ${text}`);
    },
  });

  it('finds a DUO school by part of its name with the keyboard, links it, and the school lists the candidate', async () => {
    const admin = { user: 'admin', password: TEST_ADMIN_PASSWORD };
    const school = (await serverDocs(app.url, 'reference', admin)).find((d) => d.name === 'Kindcentrum Oriënt');
    expect(school?.region).toBe('reference');

    const { context: ctx, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    await list.register({ Voornaam: 'Sanne', Achternaam: 'Pickertest', 'E-mail': 'sanne@example.nl', Plaats: 'Oldenzaal' });
    await expect.poll(async () => (await list.find('Pickertest')).count(), { timeout: 20_000 }).toBe(1);
    await (await list.find('Pickertest')).getByRole('link').first().click();
    // The file moves focus to its heading once the candidate is loaded (an effect after the
    // render): focusing the picker before that would lose the focus to the heading.
    const fileFocused = () => expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 30_000 }).toBe('detail-title');
    await fileFocused();

    const picker = page.getByRole('combobox', { name: 'Organisatie', exact: true });
    await picker.focus();
    // Without a choice, submitting gives a message at the field (Escape closes the list first).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#contact-org-error').textContent()).toBe('Dit veld is verplicht.');
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    // A name that matches nothing says what to try.
    await page.keyboard.type('zzqx');
    await expect.poll(() => page.getByText('Niets gevonden voor ‘zzqx’', { exact: false }).count()).toBe(1);
    await page.keyboard.press('Control+A');
    // The reference data arrives by its own pull replication; wait until the school is findable.
    await page.keyboard.type('kindcentrum ori');
    const listbox = page.getByRole('listbox', { name: 'Gevonden organisaties' });
    await expect.poll(() => listbox.getByRole('option', { name: /Kindcentrum Oriënt/ }).count(), { timeout: 30_000 }).toBe(1);
    const option = listbox.getByRole('option', { name: /Kindcentrum Oriënt/ });
    expect(await option.textContent()).toContain('School (vestiging) · Oldenzaal · 11CD 01 · DUO/referentie');
    expect(await picker.getAttribute('aria-expanded')).toBe('true');

    // Arrow keys move the active option (aria-activedescendant), wrapping past the end.
    const activeText = async () => {
      const id = await picker.getAttribute('aria-activedescendant');
      return id ? page.locator(`[id="${id}"]`).textContent() : null;
    };
    expect(await activeText()).toContain('Kindcentrum Oriënt');
    await page.keyboard.press('ArrowDown');
    expect(await activeText()).toBe('Nieuwe organisatie invoeren…');
    await page.keyboard.press('ArrowDown');
    expect(await activeText()).toContain('Kindcentrum Oriënt');
    expect(await seriousViolations(page)).toEqual([]);

    // Escape closes the list without choosing; ArrowDown opens it again.
    await page.keyboard.press('Escape');
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowDown');
    expect(await activeText()).toContain('Kindcentrum Oriënt');

    // Enter picks the school; a second Enter (list closed) submits the form.
    await page.keyboard.press('Enter');
    expect(await picker.inputValue()).toBe('Kindcentrum Oriënt');
    await expect.poll(() => page.getByText(/Gekozen: Kindcentrum Oriënt/).count()).toBe(1);
    await page.keyboard.press('Enter');

    const file = page.getByRole('region', { name: 'Contacten met scholen en opleidingen' });
    await expect.poll(() => file.getByRole('button', { name: 'Kindcentrum Oriënt', exact: true }).count()).toBe(1);
    expect(await picker.inputValue()).toBe('');

    // The contact on the server keeps the document shape: the school's reference id and name.
    await expect
      .poll(async () => (await serverDocs(app.url, 'region-twente', admin)).find((d) => d.type === 'contact' && d.organisationName === 'Kindcentrum Oriënt')?.organisationId, { timeout: 30_000 })
      .toBe(school?._id ?? school?.id);

    // The last option still enters a new organisation of the region (End jumps to it).
    await picker.focus();
    await page.keyboard.press('End');
    expect(await activeText()).toBe('Nieuwe organisatie invoeren…');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Gemeente Oldenzaal');
    expect(await page.getByLabel('Naam van de organisatie').inputValue()).toBe('Gemeente Oldenzaal');
    await page.keyboard.press('Enter');
    await expect.poll(() => file.getByRole('button', { name: 'Gemeente Oldenzaal', exact: true }).count()).toBe(1);

    // The school's page in the network lists her among its candidates.
    const net = new NetworkPage(page);
    await net.open();
    await net.search('Oriënt');
    await net.openOrganisation('Kindcentrum Oriënt');
    await expect.poll(() => page.getByRole('region', { name: 'Kandidaten in contact' }).textContent(), { timeout: 30_000 }).toContain('Sanne Pickertest');

    // Back in her file the organisations are read again from the first focus on. End then Enter
    // take the last option, a new organisation. (Pressed before the organisations arrive this
    // passed idle and failed once under the full suite's load: not a deterministic test yet, so
    // the keys here follow the list; the active option is kept by value for that race.)
    await page.getByRole('button', { name: 'Kandidaten', exact: true }).first().click();
    await (await list.find('Pickertest')).getByRole('link').first().click();
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('');
    await fileFocused();
    await picker.focus();
    await page.locator('#contact-org-list [role="option"]').first().waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByLabel('Naam van de organisatie').waitFor();
    expect(await page.getByText(/Gekozen: /).count()).toBe(0);
    // Once the list is there, End still points at the last option (aria-activedescendant).
    await picker.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    expect(await activeText()).toBe('Nieuwe organisatie invoeren…');
    await ctx.close();
  }, 120_000);
});
