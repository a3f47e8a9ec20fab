import { describe, expect, it } from 'vitest';
import { candidateDoc } from '../sync-server/fanout/fixtures';
import { CandidatesPage } from './pages/candidates';
import { SecurityPage } from './pages/security';
import { withApp } from './support/app';

/**
 * Data on the laptop: a candidate without consent is flagged; the app locks after inactivity and
 * opens again only with the password; "Uitloggen en gegevens wissen" leaves no IndexedDB database
 * and nothing in localStorage.
 */
const NO_CONSENT = { first: 'Geertruida', last: 'Zondertoestemming' };

describe('security on the laptop', () => {
  const app = withApp({
    demoSize: 5,
    setup: (a) =>
      a.bulkDocs('region-twente', [{ ...candidateDoc('twente-noconsent-1', ['twente']), firstName: NO_CONSENT.first, lastName: NO_CONSENT.last, consent: { given: false } }]),
  });

  it('flags missing consent, locks after inactivity, unlocks with the password, wipes everything', async () => {
    const { context, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    const security = new SecurityPage(page);

    // Consent flag in the list and in the file.
    const row = await list.find(NO_CONSENT.last);
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => security.consentFlag(row).textContent()).toBe('Geen toestemming');
    await row.getByRole('link').click();
    await expect.poll(() => security.consentSection.textContent(), { timeout: 10_000 }).toContain('Geen toestemming vastgelegd');

    // An advisor withdraws consent: recorded, and the erasure waits for a supervisor.
    await security.withdrawConsent();
    await expect.poll(() => security.consentSection.getByRole('status').textContent(), { timeout: 10_000 }).toContain('Het wisverzoek wacht nog');
    await expect.poll(() => security.consentSection.locator('[data-consent-flag]').textContent()).toBe('Toestemming ingetrokken');

    // Inactivity lock, made short for this test; the locked screen shows no personal data.
    await security.setLockAfterMs(1500);
    await page.reload();
    await expect.poll(() => security.lockHeading.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText(NO_CONSENT.last).count()).toBe(0);
    // A reload does not get around the lock.
    await page.reload();
    await expect.poll(() => security.lockHeading.count(), { timeout: 10_000 }).toBe(1);

    await security.unlock('verkeerd');
    await expect.poll(() => security.lockError.textContent(), { timeout: 10_000 }).toBe('Dit wachtwoord klopt niet.');
    await security.setLockAfterMs(3_600_000);
    // Unlocking derives the data key from the password (PBKDF2): slow on a busy machine.
    await security.unlockAfterReload('regiodesk');
    await expect.poll(() => page.getByRole('searchbox').count(), { timeout: 30_000 }).toBe(1);

    // Logout and wipe.
    expect((await security.leftovers()).databases.length).toBeGreaterThan(0);
    await security.logoutAndWipe();
    await expect.poll(() => page.getByRole('button', { name: 'Inloggen' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => security.leftovers(), { timeout: 15_000 }).toEqual({ databases: [], localStorage: [] });
    await context.close();
  }, 90_000); // unlocking after the reloads also derives the data key from the password (PBKDF2)
});
