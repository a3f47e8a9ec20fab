import { describe, expect, it } from 'vitest';
import { candidateDoc, noteDoc } from '../sync-server/fanout/fixtures';
import { basicAuth } from '../sync-server/testing';
import { CandidatesPage } from './pages/candidates';
import { PrivacyPage } from './pages/privacy';
import { openHeaderMenu } from './pages/header';
import { withApp } from './support/app';

/**
 * A supervisor handles privacy in the app: downloads a person's access export, erases a person
 * from her file (with the name as confirmation), and works through the retention list (keeps one
 * person longer with a reason, erases another); the audit log shows it all. An advisor sees
 * neither the erase button nor the supervisor's screen.
 */
const ERASE = { first: 'Ottolien', last: 'Wisproef' };
const OLD = { first: 'Bartholomea', last: 'Oudgegeven' };
const KEEP = { first: 'Fokeline', last: 'Langerbewaard' };
const old = (id: string, p: { first: string; last: string }) => ({
  ...candidateDoc(id, ['twente']),
  firstName: p.first,
  lastName: p.last,
  createdAt: '2019-01-01T10:00:00.000Z',
  updatedAt: '2019-03-01T10:00:00.000Z',
});

describe('privacy in the app', () => {
  const app = withApp({
    demoSize: 5,
    setup: async (a) => {
      const now = new Date().toISOString();
      await a.bulkDocs('region-twente', [
        { ...candidateDoc('pv-erase', ['twente']), firstName: ERASE.first, lastName: ERASE.last, updatedAt: now },
        noteDoc('pv-erase', 'n1', 'twente', 'shared', `Gesprek met ${ERASE.first}`),
        old('pv-old', OLD),
        old('pv-keep', KEEP),
      ]);
    },
  });

  it('an advisor sees the access export but no erasure and no privacy screen', async () => {
    const { context: ctx, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    await (await list.find(KEEP.last)).getByRole('link').first().click();
    const privacy = new PrivacyPage(page);
    await privacy.exportPdf().waitFor();
    expect(await privacy.startErase().count()).toBe(0);
    await openHeaderMenu(page, 'more');
    expect(await privacy.nav().count()).toBe(0);
    await ctx.close();
  }, 60_000);

  it('a supervisor exports, erases from the file, and works through the retention list', async () => {
    const { context: ctx, page } = await app.loginAs('carla');
    const list = new CandidatesPage(page);
    const privacy = new PrivacyPage(page);

    await (await list.find(ERASE.last)).getByRole('link').first().click();
    const [download] = await Promise.all([page.waitForEvent('download'), privacy.exportPdf().click()]);
    expect(download.suggestedFilename()).toBe('inzage-pv-erase.pdf');
    await page.getByText('De inzage is gedownload').waitFor();

    await privacy.startErase().click();
    await privacy.confirmErase('Iemand anders');
    await page.getByText('De naam komt niet overeen.').waitFor();
    await privacy.confirmErase(`${ERASE.first} ${ERASE.last}`);
    await page.getByText('De persoon is gewist.').waitFor();
    expect((await fetch(`${app.url}/region-twente/pv-erase`, { headers: { authorization: basicAuth('carla', 'regiodesk') } })).status).toBe(404);
    await page.getByRole('searchbox').fill(ERASE.last);
    await expect.poll(() => list.row(ERASE.last).count()).toBe(0);

    await openHeaderMenu(page, 'more');
    await privacy.nav().click();
    await privacy.setMonths(12);
    await page.getByText('De bewaartermijn is opgeslagen.').waitFor();
    await privacy.retentionRow(KEEP.last).waitFor();
    await privacy.retentionRow(OLD.last).waitFor();

    await privacy.retentionRow(KEEP.last).getByRole('button', { name: 'Langer bewaren' }).click();
    await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
    await page.getByText('Geef een reden (minstens 3 tekens).').waitFor();
    await page.getByLabel('Reden').fill('Start in september met de pabo');
    await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
    await page.getByText('De termijn is verlengd').waitFor();
    await expect.poll(() => privacy.retentionRow(KEEP.last).count()).toBe(0);

    await privacy.retentionRow(OLD.last).getByRole('button', { name: 'Wissen' }).click();
    await page.getByRole('button', { name: 'Definitief wissen' }).click();
    await page.getByText('De persoon is gewist.').waitFor();
    await expect.poll(() => privacy.retentionRow(OLD.last).count()).toBe(0);

    await privacy.tab('Logboek').click();
    await privacy.auditRows().nth(1).waitFor();
    const log = await page.getByRole('table', { name: 'Logboek' }).innerText();
    for (const action of ['gewist', 'bewaartermijn verlengd', 'geëxporteerd', 'bekeken']) expect(log).toContain(action);
    expect(log).not.toContain(ERASE.last);
    await ctx.close();
  }, 90_000);
});
