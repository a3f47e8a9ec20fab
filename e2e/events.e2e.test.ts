import { describe, expect, it } from 'vitest';
import { withApp } from './support/app';
import { eventually } from './support/couch';
import { CandidatesPage } from './pages/candidates';
import { EventsPage } from './pages/events';
import { SecurityPage } from './pages/security';

const ACTIVITY = 'abcdef0123456789';
const TITLE = 'Voorlichtingsavond e2e';
const PEOPLE = 50;
const PRE = 10;

/**
 * An information evening without a network: 10 people registered in advance (on the server),
 * the advisor opens event mode, goes offline, registers 50 people with the keyboard, reloads
 * half-way (with a half-typed person), checks in the 10, and goes online: everything reaches
 * the server exactly once.
 */
describe('event mode offline', () => {
  let pre: { id: string; lastName: string; firstName: string }[] = [];
  const app = withApp({
    demoSize: 40,
    setup: async (a) => {
      const now = new Date().toISOString();
      const starts = new Date(Date.now() + 3600_000).toISOString();
      const candidates = (await a.docs('region-twente')).filter((d) => d.type === 'candidate');
      // Ten people with distinct last names, so a few letters pick one.
      const seen = new Set<string>();
      pre = candidates
        .filter((c) => !seen.has(String(c.lastName)) && seen.add(String(c.lastName)))
        .slice(0, PRE)
        .map((c) => ({ id: String(c._id), lastName: String(c.lastName), firstName: String(c.firstName) }));
      // Fails the setup if the server refuses any one of them.
      await a.bulkDocs('region-twente', [
        { _id: ACTIVITY, type: 'activity', title: TITLE, kind: 'voorlichtingsavond', startsAt: starts, region: 'twente', place: 'Enschede', createdAt: now, createdBy: 'carla', updatedAt: now, updatedBy: 'carla' },
        ...pre.map((c) => ({
          _id: `${c.id}:r:${ACTIVITY}`, type: 'registration', activityId: ACTIVITY, candidateId: c.id, region: 'twente', status: 'registered', channel: 'pre',
          newCandidate: false, registeredAt: now, registeredBy: 'carla', updatedAt: now, updatedBy: 'carla',
        })),
      ]);
    },
  });

  it('registers 50 and checks in 10 with no network, survives a reload, then syncs each record once', async () => {
    const { context: ctx, page } = await app.loginAs('anna');
    const list = new CandidatesPage(page);
    await list.synced();
    const events = new EventsPage(page);
    await expect.poll(async () => {
      await events.openActivity(TITLE).catch(() => undefined);
      return page.getByRole('heading', { name: TITLE }).count();
    }, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('attendance').textContent(), { timeout: 30_000 }).toContain(`Aangemeld${PRE}`);
    await events.startEventMode();

    await ctx.setOffline(true);
    await expect.poll(() => list.status.textContent()).toMatch(/Offline/);

    const person = (i: number) => ({ firstName: `Gast${i}`, lastName: `Eventtest${String(i).padStart(2, '0')}`, email: `gast${i}@example.nl` });
    for (let i = 1; i <= PEOPLE; i++) {
      if (i === 26) {
        // Half-typed, then the lid closes: the reload must give it back.
        await page.getByLabel('Voornaam', { exact: true }).fill('Halfgetypt');
        await page.reload();
        await new SecurityPage(page).unlockAfterReload('regiodesk'); // the data key comes from the password
        await events.openActivity(TITLE);
        await events.startEventMode();
        expect(await page.getByLabel('Voornaam', { exact: true }).inputValue()).toBe('Halfgetypt');
        await page.getByLabel('Voornaam', { exact: true }).fill('');
      }
      await events.register(person(i));
      await expect.poll(() => events.announce.textContent()).toContain(person(i).lastName);
    }
    await expect.poll(() => events.count.textContent()).toContain(String(PEOPLE));

    for (const c of pre) {
      await events.checkIn(c.lastName);
      await expect.poll(() => page.getByText(`${c.firstName} ${c.lastName} is ingecheckt.`).count()).toBe(1);
    }
    await expect.poll(() => events.count.textContent()).toContain(String(PEOPLE + PRE));
    const ms = Number(await events.announce.getAttribute('data-last-save-ms'));
    expect(ms).toBeGreaterThan(0);

    const onServer = async () => (await app.docs('region-twente')).filter((d) => String(d._id).endsWith(`:r:${ACTIVITY}`));
    expect((await onServer()).filter((r) => r.status === 'attended')).toHaveLength(0);

    // The event's own sync summary: everything waits on the laptop, the reload forgot nothing.
    const eventSync = page.getByTestId('event-sync');
    await expect.poll(() => eventSync.textContent()).toContain(`0 van ${PEOPLE + PRE} aanmeldingen en 0 van ${PEOPLE} nieuwe kandidaten`);

    await ctx.setOffline(false);
    // Registrations and candidates replicate as separate collections: wait for both.
    const allArrived = async () => {
      const attended = (await onServer()).filter((r) => r.status === 'attended').length;
      const newPeople = (await app.docs('region-twente')).filter((d) => String(d.lastName).startsWith('Eventtest')).length;
      return attended === PEOPLE + PRE && newPeople === PEOPLE ? true : undefined;
    };
    await eventually(allArrived, 'all registrations attended and all new candidates on the server', 60_000).catch(async (e: unknown) => {
      const regs = await onServer();
      const all = await app.docs('region-twente');
      const journal = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => !k.includes('drafts')).map(([k, v]) => [k, v.slice(0, 600)])));
      throw new Error(`${String(e)}; on server: ${regs.length} registrations (${regs.filter((r) => r.status === 'attended').length} attended), ${all.filter((d) => String(d.lastName).startsWith('Eventtest')).length} new candidates; local: ${journal}`);
    });
    await expect.poll(() => eventSync.textContent(), { timeout: 30_000 }).toContain(`Alles van deze activiteit staat op de server: ${PEOPLE + PRE} aanmeldingen, ${PEOPLE} nieuwe kandidaten`);
    const docs = await app.docs('region-twente');
    const created = docs.filter((d) => String(d.lastName).startsWith('Eventtest'));
    expect(created).toHaveLength(PEOPLE);
    expect(new Set(created.map((d) => d.lastName)).size).toBe(PEOPLE);
    expect(created.every((d) => d.source === 'event' && d.phase === 'nieuw' && (d.consent as { given: boolean }).given)).toBe(true);
    const regs = docs.filter((d) => String(d._id).endsWith(`:r:${ACTIVITY}`));
    expect(regs).toHaveLength(PEOPLE + PRE);
    expect(regs.filter((r) => r.newCandidate === true)).toHaveLength(PEOPLE);
    expect(docs.some((d) => d.firstName === 'Halfgetypt')).toBe(false);
    await ctx.close();
  }, 240_000);
});
