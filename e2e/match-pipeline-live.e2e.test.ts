import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newCandidate, newMatch, newVacancy, type Match } from '../src/shared';
import { basicAuth } from '../sync-server/testing';
import { withApp } from './support/app';
import { VacanciesPage } from './pages/vacancies';

/**
 * A match's pipeline form while a colleague moves the same match on (her step reaches this laptop
 * through live sync): an untouched form follows and proposes the step after the new one; a step
 * the advisor chose stays, with what she typed, and she is told once the match has reached it.
 * (The form used to keep proposing the step after the old one, so a save recorded a passed step.)
 */
describe('match pipeline follows a colleague', () => {
  let page: Page;
  const now = new Date().toISOString();
  const auth = { Authorization: basicAuth('anna', 'regiodesk'), 'Content-Type': 'application/json' };
  const candidate = newCandidate(
    { firstName: 'Joris', lastName: 'Hendriks', phase: 'matchen', sectors: ['vo'], regions: ['twente'], ownerRegion: 'twente', consent: { given: true } },
    { id: 'cand-joris-e2e', user: 'anna', now },
  );
  const vacancy = newVacancy(
    { title: 'Docent biologie', organisationId: 'org-college-e2e', organisationName: 'Het College', function: 'docent', sector: 'vo', public: false },
    { id: 'vac-bio2e2e', region: 'twente', user: 'anna', now },
  );
  const match = newMatch({ candidateId: candidate.id, vacancyId: vacancy.id, region: 'twente', date: now.slice(0, 10) }, { user: 'anna', now });

  const app = withApp({
    demoSize: 5,
    setupTimeoutMs: 120_000,
    setup: async (a) => {
      for (const { id, ...body } of [candidate, vacancy, match] as { id: string }[]) {
        const put = await fetch(`${a.url}/region-twente/${encodeURIComponent(id)}`, { method: 'PUT', headers: auth, body: JSON.stringify(body) });
        expect(put.status, `${id}: ${await put.clone().text()}`).toBe(201);
      }
      ({ page } = await a.loginAs('anna'));
    },
  });

  /** A colleague (bert) records `step` on the server, as her laptop's sync would. */
  async function colleagueAdvances(step: Match['step']): Promise<void> {
    const url = `${app.url}/region-twente/${encodeURIComponent(match.id)}`;
    const doc = (await (await fetch(url, { headers: auth })).json()) as Match & { _rev: string };
    const at = new Date().toISOString();
    const next = { ...doc, step, history: [...doc.history, { step, date: at.slice(0, 10), at, by: 'bert' }], updatedAt: at, updatedBy: 'bert' };
    const put = await fetch(url, { method: 'PUT', headers: auth, body: JSON.stringify(next) });
    expect(put.status, await put.clone().text()).toBe(201);
  }

  it('an untouched form proposes the step after the colleague’s; a chosen step stays and is marked once reached', async () => {
    const ui = new VacanciesPage(page);
    await ui.open();
    await page.getByRole('link', { name: 'Docent biologie' }).click();
    const pipeline = ui.pipeline('Joris Hendriks');
    const stepField = pipeline.getByLabel('Stap', { exact: true });
    await expect.poll(() => pipeline.getAttribute('data-step'), { timeout: 30_000 }).toBe('voorgesteld');
    expect(await stepField.inputValue()).toBe('gesprek');

    await colleagueAdvances('gesprek');
    await expect.poll(() => pipeline.getAttribute('data-step'), { timeout: 30_000 }).toBe('gesprek');
    expect(await stepField.inputValue()).toBe('meeloopdag');
    expect(await pipeline.getByTestId('match-step-behind').count()).toBe(0);

    // She chooses the offer and starts a note; the colleague records the offer first.
    await stepField.selectOption({ label: 'Aanbod' });
    await pipeline.getByLabel('Notitie').fill('Aanbod besproken');
    await colleagueAdvances('aanbod');
    await expect.poll(() => pipeline.getAttribute('data-step'), { timeout: 30_000 }).toBe('aanbod');
    expect(await stepField.inputValue()).toBe('aanbod');
    expect(await pipeline.getByLabel('Notitie').inputValue()).toBe('Aanbod besproken');
    expect(await pipeline.getByTestId('match-step-behind').textContent()).toBe('Deze match staat al op Aanbod: kies een latere stap, of leg deze bewust nog eens vast.');

    // A later step clears the warning.
    await stepField.selectOption({ label: 'Aangenomen' });
    expect(await pipeline.getByTestId('match-step-behind').count()).toBe(0);
  }, 120_000);
});
