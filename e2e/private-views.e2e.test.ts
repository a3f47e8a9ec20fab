import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withApp } from './support/app';
import { CrossRegionPage } from './pages/crossRegion';

/**
 * Two advisors of one region in Chromium: anna's shared view reaches daan's laptop with sync, her
 * private view never enters his IndexedDB (the server does not hand it out), and a view she stops
 * sharing leaves his laptop at the next pull (sync-server/couch/private-views.ts).
 */
describe('private saved views between two users of a region', () => {
  const app = withApp({ demoSize: 5 });
  const PRIVATE = 'Privé-lijst-9x4';
  const SHARED = 'Team-lijst-5k2';

  async function login(user: string): Promise<Page> {
    const { page } = await app.loginAs(user);
    await page.getByLabel('Weergave', { exact: true }).waitFor({ timeout: 60_000 });
    return page;
  }

  async function saveView(page: Page, name: string, shared: boolean): Promise<void> {
    await page.getByRole('button', { name: 'Weergave opslaan' }).click();
    await page.getByLabel('Naam van de weergave').fill(name);
    if (shared) await page.getByLabel('Delen met de regio').check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => page.getByLabel('Weergave', { exact: true }).locator('option:checked').textContent()).toContain(name);
  }

  const viewNames = (page: Page) => page.getByLabel('Weergave', { exact: true }).locator('option').allTextContents();
  const annaDocs = () => app.docs('region-twente', 'anna');

  it('the shared view reaches the colleague, the private one never reaches his IndexedDB', async () => {
    const daan = await login('daan');
    const anna = await login('anna');
    await saveView(anna, PRIVATE, false);
    await saveView(anna, SHARED, true);
    await expect.poll(async () => (await annaDocs()).filter((d) => d.type === 'savedView').map((d) => d.name).sort(), { timeout: 30_000 }).toEqual([PRIVATE, SHARED].sort());
    const privateId = String((await annaDocs()).find((d) => d.name === PRIVATE)!._id);

    await expect.poll(() => viewNames(daan), { timeout: 30_000 }).toContain(`${SHARED} (gedeeld, van anna)`);
    const onDaans = await new CrossRegionPage(daan).localText();
    expect(onDaans).toContain(SHARED); // the check reads the views' store at all
    expect(onDaans).not.toContain(PRIVATE);
    expect(onDaans).not.toContain(privateId);
    // anna's laptop has her own private view (the check can see one when it is there).
    expect(await new CrossRegionPage(anna).localText()).toContain(PRIVATE);

    // anna stops sharing: daan's laptop drops its copy at the next pull.
    const shared = (await annaDocs()).find((d) => d.name === SHARED)!;
    await app.putDoc('region-twente', String(shared._id), { ...shared, shared: false, updatedAt: new Date().toISOString() }, 'anna'); // fails unless 201
    await expect.poll(async () => (await viewNames(daan)).some((n) => n.includes(SHARED)), { timeout: 30_000 }).toBe(false);
    await expect.poll(async () => (await new CrossRegionPage(daan).localText()).includes(SHARED), { timeout: 30_000 }).toBe(false);
  }, 150_000);
});
