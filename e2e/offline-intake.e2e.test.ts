import { describe, expect, it } from 'vitest';
import { withApp } from './support/app';
import { eventually } from './support/couch';
import { CandidatesPage } from './pages/candidates';
import { SecurityPage } from './pages/security';

/**
 * The foundation's promise, end to end in a real browser against the real server: an advisor
 * logs in, registers a candidate with the network gone, and the record reaches the server and a
 * colleague once the network is back, without anyone pressing a button.
 */
describe('offline intake reaches the server and a colleague', () => {
  const app = withApp({ demoSize: 60 });

  it('registers offline, syncs when back online, shows it to a colleague', async () => {
    const { context: anna, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    await list.synced(20_000);
    await expect.poll(() => page.getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(10);

    await anna.setOffline(true);
    await expect.poll(() => list.status.textContent()).toMatch(/Offline/);
    await list.register({ Voornaam: 'Femke', Achternaam: 'Offlinetest', 'E-mail': 'femke@example.nl', Plaats: 'Enschede' });
    await expect.poll(async () => (await list.find('Offlinetest')).count()).toBe(1);

    const onServer = async () => (await app.docs('region-twente', 'carla')).find((d) => d.lastName === 'Offlinetest');
    expect(await onServer()).toBeUndefined();

    // A reload while offline still opens the app from the service worker and the local store.
    await page.reload();
    await new SecurityPage(page).unlockAfterReload('regiodesk'); // the data key comes from the password
    await expect.poll(async () => (await list.find('Offlinetest')).count(), { timeout: 20_000 }).toBe(1);

    await anna.setOffline(false);
    const doc = await eventually(onServer, 'the offline candidate on the server', 30_000);
    expect(doc).toMatchObject({ firstName: 'Femke', email: 'femke@example.nl', ownerRegion: 'twente', createdBy: 'anna' });

    const { context: carla, page: colleague } = await app.loginAs('carla');
    const colleagueList = new CandidatesPage(colleague);
    await expect.poll(async () => (await colleagueList.find('Offlinetest')).count(), { timeout: 30_000 }).toBe(1);
    await carla.close();
    await anna.close();
  }, 120_000); // two logins with a full first sync each, and a reload that derives the data key

  it('shows validation next to the field and keeps what was typed', async () => {
    const { context: ctx, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    await list.newCandidateButton.click();
    await page.getByLabel('Achternaam', { exact: true }).fill('Zondervoornaam');
    await page.getByLabel('E-mail', { exact: true }).fill('geen-adres');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByLabel('Voornaam', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Achternaam', { exact: true }).inputValue()).toBe('Zondervoornaam');
    await ctx.close();
  }, 60_000);

  it('refuses a wrong password with a clear message', async () => {
    const { context: ctx, page } = await app.loginAs('anna', { password: 'fout' });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/onjuist/);
    await ctx.close();
  }, 60_000);
});
