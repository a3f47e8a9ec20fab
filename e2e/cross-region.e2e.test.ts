import { describe, expect, it } from 'vitest';
import { candidateDoc } from '../sync-server/fanout/fixtures';
import { withApp } from './support/app';
import { eventually } from './support/couch';
import { CandidatesPage } from './pages/candidates';
import { CrossRegionPage } from './pages/crossRegion';

/**
 * One person, two regions: anna (Twente) and bram (Utrecht) both write notes about a candidate
 * linked to both while offline; back online both see all notes in time order, bram sees none of
 * anna's comments; after an unlink bram's laptop drops the candidate at its next sync.
 */
describe('a candidate linked to two regions', () => {
  const app = withApp({
    demoSize: 8,
    setup: (a) => a.bulkDocs('region-twente', [{ ...candidateDoc('kruis-1', ['twente', 'utrecht'], 'twente'), firstName: 'Mirthe', lastName: 'Kruisregio' }], 'anna'),
  });

  it('shares notes both ways, keeps comments home, and unlinking empties the other laptop', async () => {
    const open = async (user: string) => {
      const { context: ctx, page } = await app.loginAs(user);
      await expect.poll(() => new CandidatesPage(page).row('Kruisregio').count(), { timeout: 30_000 }).toBe(1);
      const file = new CrossRegionPage(page);
      await file.openFile('Mirthe Kruisregio');
      return { ctx, page, file };
    };
    const anna = await open('anna');
    const bram = await open('bram');

    await anna.ctx.setOffline(true);
    await bram.ctx.setOffline(true);
    await anna.file.write('Anna: intakegesprek gevoerd', 'note', 'Gesprek');
    await anna.file.write('Anna: twijfels over salaris, intern', 'comment');
    await bram.file.write('Bram: gebeld over verhuizing', 'note', 'Telefoon');
    await anna.file.write('Anna: afspraak pabo gemaakt', 'note', 'Afspraak');

    await anna.ctx.setOffline(false);
    await bram.ctx.setOffline(false);
    const all = ['Anna: intakegesprek gevoerd', 'Bram: gebeld over verhuizing', 'Anna: afspraak pabo gemaakt'];
    await expect.poll(() => anna.file.noteTexts(), { timeout: 40_000 }).toEqual([all[0], 'Anna: twijfels over salaris, intern', all[1], all[2]]);
    // The fan-out has carried anna's notes into Utrecht's database…
    await eventually(
      async () => {
        const docs = JSON.stringify(await app.docs('region-utrecht', 'bram'));
        return all.every((n) => docs.includes(n)) ? true : undefined;
      },
      'every note in Utrecht',
      30_000,
    );
    // …and bram's laptop pulls them.
    await expect.poll(() => bram.file.noteTexts(), { timeout: 40_000 }).toEqual(all);
    expect(await bram.page.content()).not.toContain('twijfels over salaris');
    expect(await bram.file.localText()).not.toContain('twijfels over salaris');
    const utrecht = await app.docs('region-utrecht', 'bram');
    expect(JSON.stringify(utrecht)).not.toContain('twijfels over salaris');
    // The timeline names the region each note came from.
    await expect.poll(() => bram.file.timeline.getByText('anna, Twente').count()).toBeGreaterThan(0);

    await anna.file.unlink('Utrecht');
    await eventually(
      async () => ((await app.docs('region-utrecht', 'bram')).some((d) => d.lastName === 'Kruisregio') ? undefined : true),
      'the candidate purged from Utrecht',
      30_000,
    );
    await expect.poll(() => bram.page.getByRole('heading', { name: 'Mirthe Kruisregio' }).count(), { timeout: 40_000 }).toBe(0);
    await expect.poll(async () => {
      const text = await bram.file.localText();
      return ['Kruisregio', 'Anna: intakegesprek', 'Bram: gebeld'].filter((s) => text.includes(s));
    }, { timeout: 40_000 }).toEqual([]);
    // Anna keeps everything.
    expect(await anna.file.noteTexts()).toContain('Bram: gebeld over verhuizing');
    await anna.ctx.close();
    await bram.ctx.close();
  }, 180_000);

  it('tells an advisor typing a new person that she is known here or elsewhere, and asks the other region to link', async () => {
    // Someone Utrecht knows and Twente does not.
    const known = { ...candidateDoc('utr-only-1', ['utrecht'], 'utrecht'), owner: 'bram', firstName: 'Noor', lastName: 'Elders', email: 'noor.elders@example.nl' };
    await app.bulkDocs('region-utrecht', [known], 'bram');
    const { context: ctx, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    await expect.poll(() => list.row('Kruisregio').count(), { timeout: 30_000 }).toBe(1);
    await list.newCandidateButton.click();
    const hint = page.getByTestId('duplicate-hint');
    await page.getByLabel('E-mail', { exact: true }).fill('Noor.Elders@example.nl');
    await expect.poll(() => hint.textContent(), { timeout: 15_000 }).toContain('misschien al bekend bij Utrecht');
    // Only the region's name: nothing of Utrecht's data.
    expect(await hint.textContent()).not.toContain('Elders');
    await hint.getByRole('button', { name: /Koppeling aanvragen/ }).click();
    await expect.poll(() => hint.textContent()).toContain('Verzoek om koppeling verstuurd aan Utrecht');
    const tasks = (await app.docs('region-utrecht', 'bram')).filter((d) => d.type === 'task' && d.candidateId === 'utr-only-1');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ assignee: 'bram', createdBy: 'anna' });
    // Someone on this laptop already: a link to her file, found offline too.
    await ctx.setOffline(true);
    await page.getByLabel('E-mail', { exact: true }).fill('');
    await page.getByLabel('Achternaam', { exact: true }).fill('Kruisregio');
    await page.getByLabel('Voornaam', { exact: true }).fill('Mirthe');
    await page.getByLabel('E-mail', { exact: true }).fill('kruis-1@example.nl');
    await expect.poll(() => hint.textContent(), { timeout: 15_000 }).toContain('staat misschien al in uw lijst');
    await hint.getByRole('button', { name: 'Mirthe Kruisregio' }).click();
    await page.getByRole('heading', { name: 'Mirthe Kruisregio' }).waitFor();
    await ctx.close();
  }, 120_000);
});
