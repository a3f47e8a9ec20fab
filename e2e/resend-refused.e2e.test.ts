import { describe, expect, it } from 'vitest';
import { newCandidate } from '../src/shared';
import { withApp } from './support/app';
import { eventually } from './support/couch';
import { SyncPage } from './pages/sync';

/**
 * A document the server refused goes out again by itself at the next sync once the server
 * accepts it (src/renderer/sync/resend-refused.ts), in the app as built, in Chromium: no edit
 * needed. The server holds an older revision of it, so the resend goes through the merge.
 */
describe('sync: refused documents are offered again', () => {
  const app = withApp({
    demoSize: 5,
    setup: async (a) => {
      const c = newCandidate(
        { firstName: 'Ruud', lastName: 'Weigeringtest', regions: ['twente'], ownerRegion: 'twente', place: 'Enschede' },
        { id: 'e2e-refused', user: 'carla', now: '2026-11-01T10:00:00.000Z' },
      );
      await a.putDoc('region-twente', 'e2e-refused', c, 'carla');
    },
  });
  const onServer = async () => (await app.docs('region-twente', 'carla')).find((d) => d._id === 'e2e-refused');

  it('after a refusal the server no longer makes, Synchroniseren sends the unchanged document and the refusal clears', async () => {
    // Playwright's routing does not see requests of a page a service worker controls.
    const { page } = await app.loginAs('anna', { context: await app.newContext({ serviceWorkers: 'block' }) });
    const ui = new SyncPage(page);
    await expect.poll(() => ui.status.textContent(), { timeout: 60_000 }).toMatch(/Laatste synchronisatie/);
    await ui.openFile('e2e-refused', 'Weigeringtest');

    // Stand-in for a server that refuses what this client sends (e.g. not yet updated): the push
    // is altered on the wire into a document the server's validation refuses.
    const bulkDocs = (url: URL) => url.pathname.endsWith('/_bulk_docs');
    await page.route(bulkDocs, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { docs: Record<string, unknown>[] };
      for (const d of body.docs) if (d._id === 'e2e-refused') d.phase = 'bestaat-niet';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await ui.edit({ Plaats: 'Oldenzaal' });
    const notice = page.getByTestId('rejected-notice');
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/Niet geaccepteerd door de server: .*phase/);

    // The server is updated (the alteration stops); nobody edits the document.
    await page.unroute(bulkDocs);
    await page.getByTestId('sync-now').click();
    const sent = await eventually(async () => {
      const d = await onServer();
      return d?.place === 'Oldenzaal' ? d : undefined;
    }, 'the refused edit on the server without a new edit', 30_000);
    expect(sent).toMatchObject({ place: 'Oldenzaal', phase: 'nieuw', firstName: 'Ruud' });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    await ui.openOverview();
    // The day's record (sync/daylog.ts) keeps the refusal, marked as accepted later; none is open.
    const panel = page.getByTestId('sync-panel');
    await expect.poll(() => panel.getByTestId('rejected-list').locator('li[data-doc="e2e-refused"]').getAttribute('data-accepted'), { timeout: 10_000 }).toBe('true');
    expect(await panel.getByTestId('rejected-older').count()).toBe(0);
  }, 120_000);
});
