import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withApp } from './support/app';
import { CandidatesPage } from './pages/candidates';
import { CaseHandlingPage, seriousViolations } from './pages/caseHandling';

/**
 * Daily case handling in a real browser against the real server: the views (table, groups,
 * filters, board with drag), search, bulk change with undo, saved views shared in a region and a
 * task seen by the colleague it was assigned to, with axe-core on every page.
 */
describe('case handling', () => {
  const app = withApp({ demoSize: 40 });

  /*
   * One logged-in page per user for the whole file: each login is a full first sync, and on our
   * two shared cores a handful of them is what makes a browser test slow. Each test starts from
   * the list with the default view.
   */
  const sessions = new Map<string, { page: Page; ui: CaseHandlingPage }>();
  async function loggedIn(user: string): Promise<{ page: Page; ui: CaseHandlingPage }> {
    let s = sessions.get(user);
    if (!s) {
      const { page } = await app.loginAs(user);
      s = { page, ui: new CaseHandlingPage(page) };
      sessions.set(user, s);
    }
    const { page, ui } = s;
    await page.getByRole('button', { name: 'Kandidaten', exact: true }).first().click();
    await ui.search.fill('');
    await ui.mode('Tabel');
    // the whole demo region (40) has arrived
    await expect.poll(() => ui.tabCount('Alle').catch(() => 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(40);
    await ui.tab('Alle').click();
    if ((await page.getByRole('button', { name: 'Filters wissen' }).count()) > 0) await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Groeperen op').selectOption({ label: 'Geen groepering' });
    return s;
  }

  // The count above the table, or 0 when the panel says nobody matches.
  const countOf = async (page: Page) => {
    if ((await page.locator('#candidate-panel .empty').count()) > 0) return 0;
    const text = await page.locator('#candidate-panel > p.muted').first().textContent({ timeout: 2000 }).catch(() => '');
    return Number(/(\d+)/.exec(text ?? '')?.[1] ?? -1);
  };

  it('shows phase views, groups with counts, filters, and passes axe', async () => {
    const { page, ui } = await loggedIn('anna');
    const nieuw = await ui.tabCount('Nieuw');
    await ui.tab('Nieuw').click();
    await expect.poll(() => countOf(page)).toBe(nieuw);
    await ui.tab(/Gestopt/).click();
    await expect.poll(() => countOf(page)).toBe(await ui.tabCount(/Gestopt/));
    await ui.tab('Alle').click();
    const all = await countOf(page);

    await page.getByLabel('Groeperen op').selectOption({ label: 'Fase' });
    // Rows are virtualised: the first groups are in the DOM, the rest as the list scrolls.
    await expect.poll(() => ui.groupRows.count()).toBeGreaterThan(1);
    const first = ui.groupRows.first();
    expect(await first.textContent()).toMatch(/^Nieuw\s*\d+$/);
    expect(Number(await first.locator('.count').textContent())).toBe(nieuw);
    await page.getByLabel('Groeperen op').selectOption({ label: 'Geen groepering' });

    await page.getByRole('button', { name: /Filteren, sorteren, kolommen/ }).click();
    await page.getByRole('button', { name: 'Filter toevoegen' }).click();
    await page.getByLabel('Waarde van filter 1').fill('enschede');
    await expect.poll(() => countOf(page)).toBeLessThan(all);
    const places = await ui.rows.locator('td:nth-child(4)').allTextContents();
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) expect(p).toBe('Enschede');
    // or: Enschede or Hengelo
    await page.getByRole('button', { name: 'Filter toevoegen' }).click();
    await page.getByLabel('Vergelijking van filter 2').selectOption({ label: 'is' });
    await page.getByLabel('Waarde van filter 2').fill('Hengelo');
    await expect.poll(() => countOf(page)).toBe(0);
    expect(await page.locator('#candidate-panel .empty').textContent()).toContain('Niemand voldoet aan deze filters');
    await page.getByLabel('Toon kandidaten die voldoen aan').selectOption({ label: 'minstens één filter (of)' });
    await expect.poll(() => countOf(page)).toBeGreaterThan(places.length);

    // sort: name descending via the header
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    // the default sort is name ascending: one click turns it around
    await page.getByRole('columnheader', { name: 'Naam' }).getByRole('button').click();
    expect(await page.getByRole('columnheader', { name: /Naam/ }).getAttribute('aria-sort')).toBe('descending');

    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('moves a card on the board by drag and by keyboard, recorded in the phase history', async () => {
    const { page, ui } = await loggedIn('anna');
    await ui.mode('Bord');
    const nieuw = await ui.columnCount('Nieuw');
    const orient = await ui.columnCount('Oriënteren');
    await ui.column('Nieuw').locator('.card').first().dragTo(ui.column('Oriënteren').locator('.board-cards'));
    await expect.poll(() => ui.columnCount('Nieuw')).toBe(nieuw - 1);
    expect(await ui.columnCount('Oriënteren')).toBe(orient + 1);
    // Which card the pointer picked up is the browser's business; the notice names the one moved.
    const notice = (await page.locator('.undo-bar').textContent())!;
    const name = /^(.*) staat nu in Oriënteren/.exec(notice)?.[1] ?? '';
    expect(await ui.column('Oriënteren').getByRole('link', { name, exact: true }).count()).toBe(1);

    // The keyboard way: the card's phase field.
    const other = ui.column('Nieuw').locator('.card').first();
    const otherName = (await other.locator('.card-name').textContent())!;
    await page.getByLabel(`Fase van ${otherName}`).selectOption({ label: 'Voorbereiden' });
    await expect.poll(() => ui.columnCount('Nieuw')).toBe(nieuw - 2);
    expect(await seriousViolations(page)).toEqual([]);

    await ui.column('Oriënteren').getByRole('link', { name, exact: true }).click();
    const history = page.getByRole('region', { name: 'Fasegeschiedenis' });
    await expect.poll(() => history.textContent()).toMatch(/Nieuw → Oriënteren\s*door anna/);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('finds people while typing, tolerant of accents and typos; edits a field inline', async () => {
    const { page } = await loggedIn('anna');
    await new CandidatesPage(page).register({ Voornaam: 'Bülent', Achternaam: 'Yılmaz', 'E-mail': 'bulent@example.nl', Plaats: 'Enschede' });
    await page.getByRole('heading', { name: 'Kandidaten' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('bulent yilmaz');
    const ui = new CaseHandlingPage(page);
    await expect.poll(() => ui.rows.count()).toBe(1);
    await ui.search.fill('Bulnet');
    await expect.poll(() => ui.rows.first().textContent()).toContain('Bülent Yılmaz');
    await ui.rows.first().getByRole('link').click();

    // inline edit with validation next to the field, then a valid value
    await page.getByRole('button', { name: /^Postcode: .*Wijzigen$/ }).click();
    await page.getByLabel('Postcode', { exact: true }).fill('12');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#file-postcode-error').textContent()).toMatch(/geldige postcode/);
    expect(await page.getByLabel('Postcode', { exact: true }).inputValue()).toBe('12');
    await page.getByLabel('Postcode', { exact: true }).fill('7511ab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^Postcode: 7511 AB/ }).count()).toBe(1);

    // A word that only occurs in a note finds her too.
    await page.getByLabel('Tekst', { exact: true }).fill('Was jarenlang boekhouder bij een woningcorporatie');
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByRole('button', { name: /Terug naar de lijst/ }).click();
    await ui.search.fill('woningcorporatie');
    await expect.poll(() => ui.rows.count()).toBe(1);
    expect(await ui.rows.first().textContent()).toContain('Bülent Yılmaz');
  }, 60_000);

  it('writes a conversation report along the template, and its next step becomes a task', async () => {
    const { page, ui } = await loggedIn('anna');
    await ui.rows.first().getByRole('link').click();
    await page.getByLabel('Soort contact').selectOption({ label: 'Gesprek' });
    await page.getByLabel(/Als gespreksverslag/).check();
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await expect.poll(() => page.locator('#note-report-reason').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Aanleiding', { exact: true }).fill('Vraag over zij-instroom in het vo');
    await page.getByLabel('Afspraken', { exact: true }).fill('Zoekt zelf een school voor een meeloopdag');
    await page.getByLabel('Vervolgstap', { exact: true }).fill('Nabellen over de meeloopdag');
    await page.getByLabel('Vervolgstap als actie aanmaken').check();
    // Assigned to the writer unless she picks someone else.
    expect(await page.locator('#note-followup-assignee').inputValue()).toBe('anna');
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    const timeline = page.getByRole('region', { name: 'Tijdlijn' });
    await expect.poll(() => timeline.textContent()).toMatch(/Aanleiding:\s*Vraag over zij-instroom in het vo/);
    expect(await timeline.textContent()).not.toContain('Besproken:');
    await expect.poll(() => page.locator('.task').first().textContent()).toMatch(/Nabellen over de meeloopdag.*voor anna/);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('changes the phase of a selection with confirmation, and undoes it', async () => {
    const { page, ui } = await loggedIn('anna');
    await ui.tab('Voorbereiden').click();
    const before = await ui.tabCount('Voorbereiden');
    const matchen = await ui.tabCount('Matchen');
    await ui.rows.nth(0).getByRole('checkbox').check();
    await ui.rows.nth(1).getByRole('checkbox').check();
    await page.getByLabel('Fase wijzigen').selectOption({ label: 'Matchen' });
    await expect.poll(() => page.getByRole('alertdialog').textContent()).toContain('2 kandidaten naar fase Matchen verplaatsen?');
    await page.getByRole('button', { name: 'Ja, uitvoeren' }).click();
    await expect.poll(() => ui.tabCount('Voorbereiden')).toBe(before - 2);
    expect(await ui.tabCount('Matchen')).toBe(matchen + 2);
    await page.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => ui.tabCount('Voorbereiden')).toBe(before);
    expect(await ui.tabCount('Matchen')).toBe(matchen);
  }, 60_000);

  it('registers a selection for an activity, skips those already registered, and undoes it', async () => {
    const now = new Date().toISOString();
    const activity = {
      _id: 'bulkactivity0001', type: 'activity', title: 'Informatieavond bulk', kind: 'voorlichtingsavond', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      region: 'twente', place: 'Hengelo', createdAt: now, createdBy: 'carla', updatedAt: now, updatedBy: 'carla',
    };
    await app.putDoc('region-twente', activity._id, activity); // fails unless the server answers 201
    const { page, ui } = await loggedIn('anna');
    const regs = async () => (await app.docs('region-twente')).filter((d) => d.type === 'registration' && d.activityId === 'bulkactivity0001');
    const choose = async () => {
      await expect.poll(() => page.getByLabel('Aanmelden voor activiteit').locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
      await page.getByLabel('Aanmelden voor activiteit').selectOption('bulkactivity0001');
      await expect.poll(() => page.getByRole('alertdialog').textContent()).toMatch(/kandidaten? aanmelden voor Informatieavond bulk\?/);
      await page.getByRole('button', { name: 'Ja, uitvoeren' }).click();
    };
    for (const i of [0, 1]) await ui.rows.nth(i).getByRole('checkbox').check();
    await choose();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'aangemeld voor' }).textContent()).toContain('2 aangemeld voor Informatieavond bulk (0 waren al aangemeld)');
    for (const i of [0, 1, 2]) await ui.rows.nth(i).getByRole('checkbox').check();
    await choose();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'aangemeld voor' }).textContent()).toContain('1 aangemeld voor Informatieavond bulk (2 waren al aangemeld)');
    await expect.poll(async () => (await regs()).map((r) => r.status).sort().join(','), { timeout: 30_000 }).toBe('registered,registered,registered');
    // Undo cancels only what the last action added.
    await page.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(async () => (await regs()).map((r) => r.status).sort().join(','), { timeout: 30_000 }).toBe('cancelled,registered,registered');
  }, 90_000);

  it('shares a saved view with the region and assigns a task that the colleague sees after sync', async () => {
    // carla is at work before anna assigns her the task: she sees it through live sync
    const { page: carla } = await loggedIn('carla');
    const { page: anna, ui } = await loggedIn('anna');
    await anna.getByRole('button', { name: /Filteren, sorteren, kolommen/ }).click();
    await anna.getByRole('button', { name: 'Filter toevoegen' }).click();
    await anna.getByLabel('Waarde van filter 1').fill('Enschede');
    await anna.getByRole('button', { name: 'Weergave opslaan' }).click();
    await anna.getByRole('button', { name: 'Opslaan', exact: true }).click();
    expect(await anna.locator('#saved-name').getAttribute('aria-invalid')).toBe('true');
    await anna.getByLabel('Naam van de weergave').fill('Enschede (team)');
    await anna.getByLabel('Delen met de regio').check();
    await anna.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => anna.getByLabel('Weergave', { exact: true }).locator('option:checked').textContent()).toContain('Enschede (team)');

    const target = (await ui.rows.first().getByRole('link').textContent())!;
    await ui.rows.first().getByRole('link').click();
    await anna.getByLabel('Wat moet er gebeuren?').fill('Terugbellen over meeloopdag');
    // The picker offers the region's colleagues from the server (not the viewer), typing stays possible.
    await expect.poll(() => anna.locator('#task-colleagues option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).join(','))).toMatch(/anna.*carla.*daan/);
    expect(await anna.locator('#task-colleagues option[value="vera"]').count()).toBe(0);
    await anna.getByLabel('Voor wie').fill('carla');
    await anna.getByLabel('Uiterlijk op').fill('2026-01-05');
    await anna.getByRole('button', { name: 'Actie toevoegen' }).click();
    await expect.poll(() => anna.locator('.task').first().textContent()).toMatch(/Terugbellen over meeloopdag.*voor carla.*te laat/);
    expect(await seriousViolations(anna)).toEqual([]);

    const badge = carla.getByRole('button', { name: /Mijn taken/ });
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/1 open, waarvan 1 te laat/);
    await badge.click();
    await expect.poll(() => carla.locator('.task').first().textContent()).toContain('Terugbellen over meeloopdag');
    // The task and its candidate replicate as separate collections: the name may come a moment later.
    await expect.poll(() => carla.locator('.task').first().textContent(), { timeout: 30_000 }).toContain(target);
    expect(await seriousViolations(carla)).toEqual([]);
    // ticking it off takes it out of the open list (done tasks show on request)
    await carla.locator('.task').first().getByRole('checkbox').click();
    await expect.poll(() => badge.textContent()).toMatch(/0 open/);
    await carla.getByLabel('Ook afgeronde taken tonen').check();
    await expect.poll(() => carla.locator('.task--done').first().textContent()).toMatch(/afgerond door carla/);

    await carla.getByRole('button', { name: 'Kandidaten', exact: true }).first().click();
    const views = carla.getByLabel('Weergave', { exact: true });
    await expect.poll(() => views.locator('option').allTextContents(), { timeout: 30_000 }).toContain('Enschede (team) (gedeeld, van anna)');
    await views.selectOption({ label: 'Enschede (team) (gedeeld, van anna)' });
    const ch = new CaseHandlingPage(carla);
    await expect.poll(async () => [...new Set(await ch.rows.locator('td:nth-child(4)').allTextContents())]).toEqual(['Enschede']);
  }, 150_000);
});
