import { describe, expect, it } from 'vitest';
import type { Candidate } from '../src/shared';
import { TEST_ADMIN_PASSWORD } from '../sync-server/testing';
import { withApp } from './support/app';
import { serverDocs } from './support/couch';
import { seriousViolations } from './pages/caseHandling';
import { DashboardPage } from './pages/dashboard';
import { SecurityPage } from './pages/security';

type Doc = Candidate & { _id: string; _rev: string };

/** Twente's candidates as the server holds them: what the supervisor's dashboard must count. */
async function regionCandidates(url: string, region = 'twente'): Promise<Doc[]> {
  const docs = (await serverDocs(url, `region-${region}`, { user: 'admin', password: TEST_ADMIN_PASSWORD })) as unknown as Doc[];
  return docs.filter((d) => d.type === 'candidate' && (d.ownerRegion === region || d.regions?.includes(region)));
}

/**
 * A supervisor opens the dashboard: a phase count equals the candidates behind it (the same ids
 * as on the server), and when a colleague moves a candidate on the server, the dashboard follows.
 */
describe('the live dashboard', () => {
  const app = withApp({
    demoSize: 40,
    // An alliance of Twente and Utrecht, and a supervisor of both regions.
    setup: async (a) => {
      await a.asAdmin('/_regiodesk/admin/alliances', { id: 'oost', name: 'Oost-Nederland', regions: ['twente', 'utrecht'] });
      await a.createUser({
        name: 'sanne',
        password: 'regiodesk-sanne-2026',
        memberships: [{ region: 'twente', role: 'supervisor' }, { region: 'utrecht', role: 'supervisor' }],
      });
    },
  });

  it('counts, clicks through to exactly those candidates, and updates on a synced change', async () => {
    const all = await regionCandidates(app.url);
    const byPhase = new Map<string, Doc[]>();
    for (const d of all) byPhase.set(d.phase, [...(byPhase.get(d.phase) ?? []), d]);
    // The busiest phase, so that moving one candidate out leaves it non-empty.
    const [phase, inPhase] = [...byPhase.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const target = phase === 'matchen' ? 'opleiden' : 'matchen';

    const { context: ctx, page } = await app.loginAs('carla');
    const dash = new DashboardPage(page);
    await dash.open();

    await expect.poll(() => dash.number(dash.total('twente')), { timeout: 30_000 }).toBe(all.length);
    await expect.poll(() => dash.number(dash.phase('twente', phase))).toBe(inPhase.length);
    // "Buiten de regio": the region next to the country (from the server's aggregates).
    await expect.poll(() => dash.outside.getByRole('columnheader', { name: 'Nederland', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await dash.outside.getByRole('columnheader', { name: 'Oost-Nederland', exact: true }).count()).toBe(1);
    expect(await dash.outside.getByRole('columnheader', { name: 'Twente', exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await dash.phase('twente', phase).click();
    await expect.poll(() => dash.listedIds()).toEqual(inPhase.map((d) => d._id).sort());
    expect(await dash.listCount().innerText()).toBe(`${inPhase.length} kandidaten`);
    await dash.back();

    // The po number of the po:vo tile opens exactly the candidates who prefer primary education.
    const po = all.filter((d) => ((d as { sectors?: string[] }).sectors ?? []).includes('po'));
    await expect.poll(() => dash.number(page.getByTestId('twente-tile-po'))).toBe(po.length);
    await page.getByTestId('twente-tile-po').click();
    await expect.poll(() => dash.listedIds()).toEqual(po.map((d) => d._id).sort());
    await dash.back();

    // anna, an editor in Twente, moves one candidate to another phase on the server.
    const moved = inPhase[0]!;
    const now = new Date().toISOString();
    const next = {
      ...moved,
      phase: target,
      phaseHistory: [...(moved.phaseHistory ?? []), { from: phase, to: target, at: now, by: 'anna' }],
      updatedAt: now,
      updatedBy: 'anna',
    };
    delete (next as Partial<Doc>).fieldClocks;
    await app.bulkDocs('region-twente', [next], 'anna'); // fails on any refused row

    const before = byPhase.get(target)?.length ?? 0;
    await expect.poll(() => dash.number(dash.phase('twente', phase)), { timeout: 20_000 }).toBe(inPhase.length - 1);
    await expect.poll(() => dash.number(dash.phase('twente', target))).toBe(before + 1);
    expect(await dash.number(dash.total('twente'))).toBe(all.length);

    await dash.phase('twente', target).click();
    await expect.poll(() => dash.listedIds()).toContain(moved._id);
    await ctx.close();
  }, 90_000);

  it('shows a supervisor of two regions both side by side, and stays calm offline', async () => {
    const [tw, ut] = await Promise.all([regionCandidates(app.url, 'twente'), regionCandidates(app.url, 'utrecht')]);
    const { context: ctx, page } = await app.loginAs('sanne');
    const dash = new DashboardPage(page);
    await dash.open();
    await expect.poll(() => dash.number(dash.total('twente')), { timeout: 30_000 }).toBe(tw.length);
    await expect.poll(() => dash.number(dash.total('utrecht')), { timeout: 30_000 }).toBe(ut.length);
    expect(await page.getByRole('heading', { name: 'Regio Utrecht' }).count()).toBe(1);

    await dash.total('utrecht').click();
    await expect.poll(() => dash.listedIds()).toEqual(ut.map((d) => d._id).sort());
    await dash.back();

    await ctx.setOffline(true);
    await page.reload();
    await new SecurityPage(page).unlockAfterReload('regiodesk-sanne-2026'); // the data key comes from the password
    await dash.open();
    await expect.poll(() => dash.outside.getByRole('status').innerText(), { timeout: 15_000 }).toContain('niet beschikbaar');
    await expect.poll(() => dash.number(dash.total('utrecht')), { timeout: 15_000 }).toBe(ut.length);
    await ctx.close();
  }, 90_000);
});
