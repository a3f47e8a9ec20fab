import { describe, expect, it } from 'vitest';
import { withApp } from './support/app';
import { CaseHandlingPage, seriousViolations } from './pages/caseHandling';
import { EventsPage } from './pages/events';

/** Planning an activity in the app, registering an existing candidate, event mode's known-person hint; axe on each screen. */
describe('activities in the app', () => {
  const app = withApp({ demoSize: 20 });

  it('plans an activity, registers a candidate, and offers to attach a known person in event mode', async () => {
    const { page } = await app.loginAs('anna');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Activiteiten' }).click();
    await page.getByText('Nog geen activiteiten in deze regio').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Nieuwe activiteit' }).click();
    await page.getByLabel('Titel').fill('Open dag pabo');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByLabel('Datum', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Titel').inputValue()).toBe('Open dag pabo');
    await page.getByLabel('Datum', { exact: true }).fill('2030-03-14');
    await page.getByLabel('Soort').selectOption('open_dag');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { name: 'Open dag pabo' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Register an existing candidate by searching.
    const docs = await app.docs('region-twente', 'anna');
    const person = docs.find((d) => d.type === 'candidate' && typeof d.email === 'string') as { lastName: string; firstName: string; email: string };
    await page.getByLabel('Kandidaat aanmelden').fill(person.lastName);
    await page.getByRole('button', { name: new RegExp(`Aanmelden: ${person.firstName} ${person.lastName}`) }).first().click();
    await expect.poll(() => page.getByTestId('attendance').textContent()).toContain('Aangemeld1');

    // The registration is on the candidate's timeline, linking back to the activity.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Kandidaten' }).click();
    const list = new CaseHandlingPage(page);
    await list.search.fill(`${person.firstName} ${person.lastName}`);
    await list.rows.first().getByRole('link').click();
    const timeline = page.getByRole('region', { name: 'Tijdlijn' });
    await expect.poll(() => timeline.textContent()).toContain('Aangemeld voor Open dag pabo');
    await timeline.getByRole('button', { name: 'Open dag pabo' }).click();
    await page.getByRole('heading', { name: 'Open dag pabo' }).waitFor();

    const events = new EventsPage(page);
    await events.startEventMode();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('E-mail', { exact: true }).fill(person.email!);
    await page.getByTestId('event-known').waitFor();
    await page.getByLabel('E-mail', { exact: true }).press('Enter');
    await expect.poll(() => events.count.textContent()).toContain('1');
  }, 120_000);
});
