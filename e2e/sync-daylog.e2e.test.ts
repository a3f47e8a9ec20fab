import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { newCandidate } from '../src/shared';
import { withApp } from './support/app';
import { eventually } from './support/couch';
import { SyncPage } from './pages/sync';
import { SecurityPage } from './pages/security';

/**
 * Issue 4 item 7 past a reload: the day's merged conflicts and refused documents are kept in the
 * local database (src/renderer/sync/daylog.ts), so the sync overview's "Vandaag" still lists both
 * after the page is reloaded (a crash, a closed lid), with the server's reason for the refusal.
 */
describe('sync: the day log survives a reload', () => {
  const app = withApp({
    demoSize: 10,
    setup: async (a) => {
      const opts = { user: 'carla', now: '2026-11-01T10:00:00.000Z' };
      const merged = newCandidate(
        { firstName: 'Dag', lastName: 'Logmerge', regions: ['twente'], ownerRegion: 'twente', place: 'Enschede', motivation: 'Begin' },
        { id: 'e2e-daylog-merge', ...opts },
      );
      const refused = newCandidate({ firstName: 'Dag', lastName: 'Logweigering', regions: ['twente'], ownerRegion: 'twente', place: 'Enschede' }, { id: 'e2e-daylog-refused', ...opts });
      await a.putDoc('region-twente', 'e2e-daylog-merge', merged, 'carla');
      await a.putDoc('region-twente', 'e2e-daylog-refused', refused, 'carla');
    },
  });

  async function loggedIn(user: string, opts: { routable?: boolean } = {}): Promise<{ ctx: BrowserContext; page: Page; ui: SyncPage }> {
    // Playwright's routing does not see requests of a page a service worker controls.
    const { context: ctx, page } = await app.loginAs(user, opts.routable ? { context: await app.newContext({ serviceWorkers: 'block' }) } : {});
    const ui = new SyncPage(page);
    await expect.poll(() => ui.status.textContent(), { timeout: 60_000 }).toMatch(/Laatste synchronisatie/);
    return { ctx, page, ui };
  }
  const onServer = async (id: string) => (await app.docs('region-twente', 'carla')).find((d) => d._id === id);

  it('lists the merge and the refusal of today in the overview after a reload', async () => {
    const anna = await loggedIn('anna');
    const daan = await loggedIn('daan', { routable: true });
    await anna.ui.openFile('e2e-daylog-merge', 'Logmerge');
    await daan.ui.openFile('e2e-daylog-merge', 'Logmerge');

    // A conflict: both change the motivation offline; daan's laptop merges it.
    await anna.ctx.setOffline(true);
    await daan.ctx.setOffline(true);
    await anna.ui.edit({ Motivatie: 'Anna: dagboek' });
    await daan.ui.edit({ Motivatie: 'Daan: dagboek' });
    await anna.ctx.setOffline(false);
    await eventually(async () => ((await onServer('e2e-daylog-merge'))?.motivation === 'Anna: dagboek' ? true : undefined), "anna's edit on the server", 30_000);
    await daan.ctx.setOffline(false);
    await eventually(async () => ((await onServer('e2e-daylog-merge'))?.motivation === 'Daan: dagboek' ? true : undefined), "daan's merged edit on the server", 30_000);
    const conflict = daan.page.getByTestId('sync-notes').locator('li[data-field="motivation"]');
    await expect.poll(() => conflict.textContent(), { timeout: 30_000 }).toContain('Anna: dagboek');

    // A refusal: daan's next push of the other candidate is altered on the wire into a document
    // the server's validation refuses.
    const bulkDocs = (url: URL) => url.pathname.endsWith('/_bulk_docs');
    await daan.page.route(bulkDocs, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { docs: Record<string, unknown>[] };
      for (const d of body.docs) if (d._id === 'e2e-daylog-refused') d.phase = 'bestaat-niet';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await daan.page.getByRole('button', { name: /Terug naar de lijst/ }).click();
    await daan.ui.openFile('e2e-daylog-refused', 'Logweigering');
    await daan.ui.edit({ Plaats: 'Oldenzaal' });
    await expect.poll(() => daan.page.getByTestId('rejected-notice').textContent(), { timeout: 30_000 }).toMatch(/Niet geaccepteerd door de server: .*phase/);

    const panel = daan.page.getByTestId('sync-panel');
    const showsBoth = async () => {
      await daan.ui.openOverview();
      await expect.poll(() => panel.getByTestId('conflict-list').textContent(), { timeout: 15_000 }).toContain('Anna: dagboek');
      expect(await panel.getByTestId('conflict-list').textContent()).toContain('Motivatie');
      const refusal = panel.getByTestId('rejected-list').locator('li[data-doc="e2e-daylog-refused"]');
      await expect.poll(() => refusal.textContent(), { timeout: 15_000 }).toMatch(/Niet geaccepteerd door de server: .*phase/);
      expect(await refusal.getByRole('button', { name: 'Openen' }).count()).toBe(1);
      expect(await panel.getByTestId('day-totals').textContent()).toMatch(/synchronisatie/);
    };
    await showsBoth();

    // The reload: the day's record comes back from the local database.
    await daan.page.reload();
    await new SecurityPage(daan.page).unlockAfterReload('regiodesk'); // the data key comes from the password
    await showsBoth();
    // The refused record opens from the list, to be corrected.
    await panel.getByTestId('rejected-list').locator('li[data-doc="e2e-daylog-refused"]').getByRole('button', { name: 'Openen' }).click();
    await daan.page.getByRole('heading', { level: 2, name: /Logweigering/ }).waitFor();
  }, 180_000);
});
