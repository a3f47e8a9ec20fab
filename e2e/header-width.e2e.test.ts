import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withApp } from './support/app';
import { CandidatesPage } from './pages/candidates';

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
});
