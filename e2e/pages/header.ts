import type { Page } from 'playwright-core';

/**
 * Opens one of the header's menus (app/Header.tsx) unless it is open: `more` ("Meer": referral
 * inbox, website form, quarterly report, import, duplicates, privacy) or `account` (the user's
 * name: language, lock, log out, log out and wipe). Waits for the header first (after login).
 */
export async function openHeaderMenu(page: Page, menu: 'more' | 'account', timeoutMs = 30_000): Promise<void> {
  const toggle = page.getByTestId(`header-${menu}`);
  await toggle.waitFor({ timeout: timeoutMs });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
