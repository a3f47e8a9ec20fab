import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newCandidate } from '../src/shared';
import { withApp } from './support/app';
import { CandidatesPage } from './pages/candidates';
import { SyncPage } from './pages/sync';

/** The header's height and the rows its top-level items sit on (distinct rounded tops of the visible ones). */
async function headerRows(page: Page): Promise<{ height: number; rows: number; items: { text: string; top: number; left: number; width: number }[] }> {
  return page.evaluate(() => {
    const header = document.querySelector('.app-header') as HTMLElement | null;
    if (!header) throw new Error('no header');
    const items = [...header.children]
      .map((el) => ({ el: el as HTMLElement, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .map(({ el, r }) => ({ text: (el.innerText || el.getAttribute('aria-label') || el.className).replace(/\s+/g, ' ').slice(0, 40), top: r.top, left: r.left, width: r.width, mid: r.top + r.height / 2 }));
    const mids: number[] = [];
    for (const i of items) if (!mids.some((m) => Math.abs(m - i.mid) < 12)) mids.push(i.mid);
    return { height: header.getBoundingClientRect().height, rows: mids.length, items: items.map(({ mid: _m, ...rest }) => rest) };
  });
}

/**
 * The header at a laptop's width: at 1280 px it took 3 rows (about 150 px of every screen) for the
 * widest session, a supervisor of two regions (region choice, report, privacy, import).
 */
describe('the header at 1280 px', () => {
  const app = withApp({
    demoSize: 20,
    setup: async (a) => {
      await a.createUser({ name: 'sofie', password: 'sofie-wachtwoord-1', memberships: [{ region: 'twente', role: 'supervisor' }, { region: 'utrecht', role: 'supervisor' }] });
      for (const [id, lastName] of [['e2e-hw-refused', 'Weigeringbreedte'], ['e2e-hw-pending', 'Wachtbreedte']] as const) {
        const c = newCandidate({ firstName: 'Ruud', lastName, regions: ['twente'], ownerRegion: 'twente', place: 'Enschede' }, { id, user: 'carla', now: '2026-11-01T10:00:00.000Z' });
        await a.putDoc('region-twente', id, c, 'carla');
      }
    },
  });

  it('fits on one row for a supervisor of two regions, and every item stays reachable by keyboard', async () => {
    const { context, page } = await app.loginAs('sofie');
    await page.setViewportSize({ width: 1280, height: 800 });
    await new CandidatesPage(page).synced();
    const r = await headerRows(page);
    expect(r.rows, JSON.stringify(r.items)).toBe(1);
    expect(r.height).toBeLessThanOrEqual(64);

    // "Meer" by keyboard: Enter opens it, its items are in the Tab order right after it, Escape
    // closes it and gives the focus back; an item chosen opens its screen and closes the panel.
    const more = page.getByTestId('header-more');
    await more.focus();
    await page.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    for (const name of ['Verwijzingen', 'Websiteformulier', 'Kwartaalrapportage', 'Importeren', 'Dubbelen', 'Privacy']) {
      expect(await page.getByRole('button', { name, exact: true }).isVisible(), name).toBe(true);
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Verwijzingen/);
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('header-more');
    expect(await page.getByRole('button', { name: 'Kwartaalrapportage' }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Kwartaalrapportage' }).click();
    await page.getByRole('heading', { name: 'Kwartaalrapportage', level: 2 }).waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('false');

    // The account: language, lock, log out and wipe under the user's name.
    const account = page.getByRole('button', { name: 'Account van sofie' });
    await account.click();
    for (const name of ['English', 'Vergrendelen', 'Uitloggen', 'Uitloggen en gegevens wissen']) {
      expect(await page.getByRole('button', { name, exact: true }).isVisible(), name).toBe(true);
    }
    await page.mouse.click(640, 600);
    expect(await account.getAttribute('aria-expanded')).toBe('false');

    // Narrower it may take a second row, never more, and nothing sticks out sideways.
    for (const width of [1024, 800]) {
      await page.setViewportSize({ width, height: 800 });
      const n = await headerRows(page);
      expect.soft(n.height, `header height at ${width} px: ${JSON.stringify(n.items)}`).toBeLessThanOrEqual(110);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect.soft(overflow, `page wider than the window at ${width} px`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: '/tmp/rd-ux-header-800.png', clip: { x: 0, y: 0, width: 800, height: 160 } }).catch(() => undefined);
    await context.close();
  }, 90_000);

  it('keeps one row with the longest sync warning (offline, unsent changes, refusals, storage full): shortened, the whole text in its tooltip and the overview', async () => {
    // Playwright's routing does not see requests of a page a service worker controls.
    const { context, page } = await app.loginAs('sofie', { context: await app.newContext({ serviceWorkers: 'block' }) });
    await page.setViewportSize({ width: 1280, height: 800 });
    const ui = new SyncPage(page);
    await expect.poll(() => ui.status.textContent(), { timeout: 60_000 }).toMatch(/\d\d:\d\d/);

    // A refusal: the push is altered on the wire into a document the server's validation refuses.
    await page.route((url) => url.pathname.endsWith('/_bulk_docs'), async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { docs: Record<string, unknown>[] };
      for (const d of body.docs) if (d._id === 'e2e-hw-refused') d.phase = 'bestaat-niet';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByRole('button', { name: 'Kandidaten', exact: true }).first().click();
    await ui.openFile('e2e-hw-refused', 'Weigeringbreedte');
    await ui.edit({ Plaats: 'Oldenzaal' });
    await expect.poll(() => page.getByTestId('rejected-count').count(), { timeout: 30_000 }).toBe(1);

    // The server out of reach, two changes waiting, and a write that found the disk full.
    await context.setOffline(true);
    await expect.poll(() => ui.status.getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    await ui.edit({ Plaats: 'Hengelo' });
    await page.getByRole('button', { name: 'Kandidaten', exact: true }).first().click();
    await ui.openFile('e2e-hw-pending', 'Wachtbreedte');
    await ui.edit({ Plaats: 'Almelo' });
    await page.evaluate(() => void Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')));
    await page.locator('.sync-storage-full').waitFor();
    const storageFull = 'De opslag van dit apparaat is vol. Wat je al hebt ingevoerd blijft in het formulier staan; maak ruimte vrij (of sluit andere tabbladen) en sla opnieuw op.';
    const text = (await ui.status.innerText()).replace(/\s+/g, ' ');
    for (const part of ['Offline', '2 wijzigingen nog niet verstuurd', 'Niet geaccepteerd: 1']) expect(text).toContain(part);

    const r = await headerRows(page);
    expect(r.rows, JSON.stringify(r.items)).toBe(1);
    expect(r.height).toBeLessThanOrEqual(64);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'page wider than the window').toBeLessThanOrEqual(0);

    // Shortened, not cut off unseen: an ellipsis, the whole text in the tooltip and in the overview.
    const shown = await ui.status.evaluate((el) => ({ clipped: el.scrollWidth > el.clientWidth, ellipsis: getComputedStyle(el).textOverflow, title: el.getAttribute('title') }));
    expect(shown.clipped).toBe(true);
    expect(shown.ellipsis).toBe('ellipsis');
    for (const part of ['Offline', '2 wijzigingen nog niet verstuurd', 'Niet geaccepteerd: 1', storageFull]) expect(shown.title).toContain(part);
    await ui.openOverview();
    const panel = page.getByTestId('sync-panel');
    expect(await panel.getByTestId('storage-full').textContent()).toBe(storageFull);
    expect(await panel.getByTestId('sync-pending-overview').textContent()).toBe('2 wijzigingen nog niet verstuurd');
    expect(await panel.getByTestId('rejected-list').locator('li[data-doc="e2e-hw-refused"]').count()).toBe(1);
    await page.screenshot({ path: '/tmp/rd-ux-header-warning.png', clip: { x: 0, y: 0, width: 1280, height: 80 } }).catch(() => undefined);
    await context.close();
  }, 120_000);
});
