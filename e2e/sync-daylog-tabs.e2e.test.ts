import { describe, expect, it } from 'vitest';
import { newCandidate } from '../src/shared';
import { withApp } from './support/app';
import { SyncPage } from './pages/sync';
import { SecurityPage } from './pages/security';

/**
 * Two tabs of one browser on the same local database (src/renderer/sync/daylog.ts): a refusal
 * seen only in tab 1 shows in tab 2's "Vandaag", and tab 2's own later write of the day does not
 * wipe it (each write merges with the stored day).
 */
describe('sync: the day log with two tabs on one database', () => {
  const app = withApp({
    demoSize: 10,
    setup: async (a) => {
      const opts = { user: 'carla', now: '2026-11-01T10:00:00.000Z' };
      for (const [id, lastName] of [['e2e-daytabs-refused', 'Tabweigering'], ['e2e-daytabs-other', 'Tabander']] as const) {
        await a.putDoc('region-twente', id, newCandidate({ firstName: 'Dag', lastName, regions: ['twente'], ownerRegion: 'twente', place: 'Enschede' }, { id, ...opts }), 'carla');
      }
    },
  });

  it("tab 2 lists tab 1's refusal, and keeps it stored after its own write", async () => {
    // Playwright's routing does not see requests of a page a service worker controls.
    const { context: ctx, page: tab1 } = await app.loginAs('daan', { context: await app.newContext({ serviceWorkers: 'block' }) });
    const ui1 = new SyncPage(tab1);
    await expect.poll(() => ui1.status.textContent(), { timeout: 60_000 }).toMatch(/Laatste synchronisatie/);
    const tab2 = await ctx.newPage();
    await tab2.goto(tab1.url());
    await new SecurityPage(tab2).unlockAfterReload('regiodesk');
    const ui2 = new SyncPage(tab2);
    await expect.poll(() => ui2.status.textContent(), { timeout: 60_000 }).toMatch(/Laatste synchronisatie/);

    // Tab 1 alone: its push of the candidate is altered on the wire into a refused document.
    await tab1.route((url) => url.pathname.endsWith('/_bulk_docs'), async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { docs: Record<string, unknown>[] };
      for (const d of body.docs) if (d._id === 'e2e-daytabs-refused') d.phase = 'bestaat-niet';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await ui1.openFile('e2e-daytabs-refused', 'Tabweigering');
    await ui1.edit({ Plaats: 'Oldenzaal' });
    await expect.poll(() => tab1.getByTestId('rejected-notice').textContent(), { timeout: 30_000 }).toMatch(/Niet geaccepteerd door de server: .*phase/);

    const refusalIn = (page: typeof tab1) => page.getByTestId('sync-panel').getByTestId('rejected-list').locator('li[data-doc="e2e-daytabs-refused"]');
    // Tab 2 shows it (it follows the stored day).
    await ui2.openOverview();
    await expect.poll(() => refusalIn(tab2).textContent(), { timeout: 15_000 }).toMatch(/Niet geaccepteerd door de server: .*phase/);

    // Tab 2 syncs an edit of its own: its day is written again.
    await tab2.getByTestId('sync-details').click(); // closes the overview
    await ui2.openFile('e2e-daytabs-other', 'Tabander');
    await ui2.edit({ Plaats: 'Hengelo' });
    await expect.poll(async () => (await app.docs('region-twente', 'carla')).find((d) => d._id === 'e2e-daytabs-other')?.place, { timeout: 30_000 }).toBe('Hengelo');
    await tab2.waitForTimeout(1_000);

    // What is stored still holds tab 1's refusal: a reload of tab 2 lists it.
    await tab2.reload();
    await new SecurityPage(tab2).unlockAfterReload('regiodesk');
    await ui2.openOverview();
    await expect.poll(() => refusalIn(tab2).textContent(), { timeout: 15_000 }).toMatch(/Niet geaccepteerd door de server: .*phase/);
  }, 180_000);
});
