import { describe, expect, it } from 'vitest';
import { newCandidate } from '../src/shared';
import { loginAs, withApp } from './support/app';
import { eventually } from './support/couch';
import { CandidatesPage } from './pages/candidates';

/**
 * Browsers allow six connections per host. daan (twente and utrecht) keeps every replicated kind
 * of both regions live — well over eight replications — over one server-sent-events stream, so
 * a session check and an intake save still go through at once, and a colleague's change arrives.
 */
describe('sync: all live collections over one connection', () => {
  const app = withApp({ demoSize: 20 });

  it('holds one stream for every live replication and stays responsive', async () => {
    const ctx = await app.newContext();
    const page = await ctx.newPage();
    const longpolls: string[] = [];
    const open = new Set<string>();
    page.on('request', (r) => {
      if (/feed=longpoll/.test(r.url())) longpolls.push(r.url());
      open.add(r.url());
    });
    const done = (r: { url(): string }) => open.delete(r.url());
    page.on('requestfinished', done);
    page.on('requestfailed', done);

    await loginAs(page, app.url, 'daan');
    const list = new CandidatesPage(page);
    await list.synced(60_000);
    await expect.poll(() => list.status.getAttribute('data-shared-stream'), { timeout: 20_000 }).toBe('true');
    const live = Number(await list.status.getAttribute('data-live'));
    expect(live).toBeGreaterThanOrEqual(8);

    // Settled: the only request left open is the change stream; no replication long-polls.
    await expect.poll(() => [...open].filter((u) => u.startsWith(app.url)).map((u) => new URL(u).pathname), { timeout: 20_000 }).toEqual(['/_regiodesk/db-updates']);
    expect(longpolls).toEqual([]);

    // Other requests go through at once, however many collections are live.
    const status = await page.evaluate(async () => {
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), 10_000);
      const r = await fetch('/_session', { credentials: 'include', signal: ctl.signal });
      clearTimeout(timer);
      return r.status;
    });
    expect(status).toBe(200);
    await list.register({ Voornaam: 'Noor', Achternaam: 'Verbindingstest', Plaats: 'Utrecht' });
    const mine = async () => (await app.docs('region-twente', 'carla')).find((d) => d.lastName === 'Verbindingstest');
    await eventually(mine, 'the intake on the server', 30_000);

    // Live: a colleague's new candidate arrives through the stream without a reload or a click.
    const c = newCandidate({ firstName: 'Live', lastName: 'Streamtest', regions: ['utrecht'], ownerRegion: 'utrecht' }, { id: 'e2e-live', user: 'bram', now: new Date().toISOString() });
    await app.putDoc('region-utrecht', 'e2e-live', c, 'bram'); // fails unless 201
    if ((await page.getByLabel('Regio', { exact: true }).count()) > 0) await page.getByLabel('Regio', { exact: true }).selectOption('utrecht');
    await page.getByRole('searchbox').fill('Streamtest');
    await expect.poll(() => page.locator('tr[data-id="e2e-live"]').count(), { timeout: 30_000 }).toBe(1);
    expect(longpolls).toEqual([]);
    await ctx.close();
  }, 150_000);
});
