import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expandClocks, newCandidate } from '../src/shared';
import { withApp } from './support/app';
import { eventually } from './support/couch';
import { SyncPage } from './pages/sync';
import { SecurityPage } from './pages/security';

/**
 * Issue 4's client promise in a real browser against the real server: two advisors of twente edit
 * the same candidate offline (different fields, and one field both) and, back online, both see
 * the same merged record while the merge is listed; a document the server refuses shows the
 * server's reason, stays on the laptop and goes out again with its next edit.
 */
describe('sync: merge and refusals', () => {
  const app = withApp({
    demoSize: 20,
    setup: async (a) => {
      const c = newCandidate(
        { firstName: 'Jet', lastName: 'Conflicttest', regions: ['twente'], ownerRegion: 'twente', place: 'Enschede', phone: '0612345678', motivation: 'Begin' },
        { id: 'e2e-conflict', user: 'carla', now: '2026-11-01T10:00:00.000Z' },
      );
      await a.putDoc('region-twente', 'e2e-conflict', c, 'carla'); // fails unless 201
    },
  });

  async function loggedIn(user: string, opts: { routable?: boolean } = {}): Promise<{ ctx: BrowserContext; page: Page; ui: SyncPage }> {
    // Playwright's routing does not see requests of a page a service worker controls.
    const { context: ctx, page } = await app.loginAs(user, opts.routable ? { context: await app.newContext({ serviceWorkers: 'block' }) } : {});
    const ui = new SyncPage(page);
    await expect.poll(() => ui.status.textContent(), { timeout: 60_000 }).toMatch(/Laatste synchronisatie/);
    return { ctx, page, ui };
  }

  const step = (what: string) => {
    if (process.env.E2E_STEPS) console.log(`[sync-merge] ${what}`);
  };
  const onServer = async () => (await app.docs('region-twente', 'carla')).find((d) => d._id === 'e2e-conflict');

  it('merges offline edits of two advisors field by field; both see the same record and the merge is listed', async () => {
    const anna = await loggedIn('anna');
    const daan = await loggedIn('daan');
    await anna.ui.openFile('e2e-conflict', 'Conflicttest');
    await daan.ui.openFile('e2e-conflict', 'Conflicttest');

    step('offline edits');
    await anna.ctx.setOffline(true);
    await daan.ctx.setOffline(true);
    await anna.ui.edit({ Plaats: 'Hengelo', Motivatie: 'Anna: wil lesgeven' });
    await daan.ui.edit({ Telefoon: '0687654321', Motivatie: 'Daan: wil wiskunde geven' });

    step('anna online');
    await anna.ctx.setOffline(false);
    await eventually(async () => ((await onServer())?.place === 'Hengelo' ? true : undefined), "anna's edit on the server", 30_000);
    step('daan online');
    await daan.ctx.setOffline(false);
    const merged = await eventually(
      async () => {
        const d = await onServer();
        return d?.phone === '0687654321' ? d : undefined;
      },
      "daan's merged edit on the server",
      30_000,
    );
    // Different fields both kept; the field both changed goes to the later edit (daan's).
    expect(merged).toMatchObject({ place: 'Hengelo', phone: '0687654321', motivation: 'Daan: wil wiskunde geven' });
    expect(Object.keys(expandClocks(merged))).toEqual(expect.arrayContaining(['place', 'phone', 'motivation']));

    for (const who of [anna, daan]) {
      const file = who.page.locator('section.detail');
      await expect.poll(() => file.textContent(), { timeout: 30_000 }).toContain('Daan: wil wiskunde geven');
      expect(await file.textContent()).toContain('Hengelo');
      expect(await file.textContent()).toContain('0687654321');
    }

    // daan's laptop did the merge: the file lists it, and so does the sync overview.
    const conflict = daan.page.getByTestId('sync-notes').locator('li[data-field="motivation"]');
    await expect.poll(() => conflict.textContent(), { timeout: 10_000 }).toContain('Anna: wil lesgeven');
    expect(await conflict.textContent()).toContain('Daan: wil wiskunde geven');
    await daan.ui.openOverview();
    expect(await daan.page.getByTestId('sync-panel').getByTestId('conflict-list').textContent()).toContain('Motivatie');
  }, 150_000);

  it('shows a refused document with the server\'s reason, keeps it, and sends it again with its next edit', async () => {
    const anna = await loggedIn('anna', { routable: true });
    await anna.ui.openFile('e2e-conflict', 'Conflicttest');
    // Stand-in for a client and server that disagree (e.g. an older app): the next push is
    // altered on the wire into a document the server's validation refuses.
    const bulkDocs = (url: URL) => url.pathname.endsWith('/_bulk_docs');
    await anna.page.route(bulkDocs, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { docs: Record<string, unknown>[] };
      for (const d of body.docs) if (d._id === 'e2e-conflict') d.phase = 'bestaat-niet';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await anna.ui.edit({ Plaats: 'Oldenzaal' });
    const notice = anna.page.getByTestId('rejected-notice');
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/Niet geaccepteerd door de server: .*phase/);
    expect((await onServer())?.place).not.toBe('Oldenzaal');
    await anna.ui.openOverview();
    expect(await anna.page.getByTestId('rejected-list').textContent()).toContain('e2e-conflict');
    // Kept locally: the file still shows the edit after a reload.
    await anna.page.reload();
    await new SecurityPage(anna.page).unlockAfterReload('regiodesk'); // the data key comes from the password
    await anna.ui.openFile('e2e-conflict', 'Conflicttest');
    expect(await anna.page.locator('section.detail').textContent()).toContain('Oldenzaal');

    // Replication did not stall: the next edit goes out and the refusal clears.
    await anna.page.unroute(bulkDocs);
    await anna.ui.edit({ Plaats: 'Losser' });
    await eventually(async () => ((await onServer())?.place === 'Losser' ? true : undefined), 'the corrected document on the server', 30_000);
    await expect.poll(() => anna.page.getByTestId('rejected-notice').count(), { timeout: 10_000 }).toBe(0);
  }, 120_000);
});
