import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate, type FiguresResponse } from '../../src/shared';
import type { QuarterReport } from '../../src/shared/report/compute';
import { EmbeddedStore } from '../store/embedded';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { RegionCandidates } from './source';

let server: TestServer;
const ADMIN = basicAuth('admin', TEST_ADMIN_PASSWORD);
const ANNA = basicAuth('anna', 'regiodesk'); // editor of twente
const CARLA = basicAuth('carla', 'regiodesk'); // supervisor of twente

const call = (auth: string | null, method: string, p: string, body?: unknown) =>
  fetch(server.url + p, {
    method,
    headers: { ...(auth ? { Authorization: auth } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

type Doc = { _id: string; type?: string; phase: string; sectors: string[]; functions: string[]; subjects: string[]; source: string; preferredRoute?: string; createdAt: string; lastName: string; email?: string; phaseHistory?: { from?: string; to: string; at: string }[] };

/** The region's candidates straight from its database over CouchDB's API, as the admin sees them. */
async function candidatesOf(region: string): Promise<Doc[]> {
  const res = (await (await call(ADMIN, 'GET', `/region-${region}/_all_docs?include_docs=true`)).json()) as { rows: { doc: Doc }[] };
  return res.rows.map((r) => r.doc).filter((d) => d.type === 'candidate');
}

/** Independent count: plain loops over plain documents. */
function reference(docs: Doc[]) {
  const out = { total: docs.length, byPhase: {} as Record<string, number>, bySector: {} as Record<string, number>, inflowByMonth: {} as Record<string, number> };
  for (const d of docs) {
    out.byPhase[d.phase] = (out.byPhase[d.phase] ?? 0) + 1;
    for (const s of d.sectors) out.bySector[s] = (out.bySector[s] ?? 0) + 1;
    const m = d.createdAt.slice(0, 7);
    out.inflowByMonth[m] = (out.inflowByMonth[m] ?? 0) + 1;
  }
  return out;
}
const hide = (t: Record<string, number>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v < 5 ? null : v]));

async function addCandidates(region: string, n: number, phase = 'nieuw'): Promise<void> {
  const now = new Date().toISOString();
  const docs = Array.from({ length: n }, (_, i) => {
    const { id, ...c } = newCandidate({ firstName: 'Klein', lastName: `Persoon${i}`, phase: phase as 'nieuw', regions: [region], ownerRegion: region, owner: 'admin', sectors: ['po'] }, { id: `${region}-x${Date.now()}${i}`, user: 'admin', now });
    return { _id: id, ...c };
  });
  const res = await call(ADMIN, 'POST', `/region-${region}/_bulk_docs`, { docs });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 40 });
  expect((await call(ADMIN, 'POST', '/_regiodesk/admin/regions', { code: 'zwolle', name: 'Regio Zwolle' })).status).toBe(201);
  await addCandidates('zwolle', 3);
  expect((await call(ADMIN, 'POST', '/_regiodesk/admin/alliances', { id: 'overijssel', name: 'Overijssel', regions: ['twente', 'zwolle'] })).status).toBe(201);
  expect((await call(ADMIN, 'POST', '/_regiodesk/admin/alliances', { id: 'randstad', name: 'Randstad', regions: ['utrecht', 'rijnmond'] })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('GET /_regiodesk/figures', () => {
  it('gives her own region in full, her alliance, other regions and the country suppressed, equal to an independent count', async () => {
    const res = await call(ANNA, 'GET', '/_regiodesk/figures');
    expect(res.status).toBe(200);
    const body = (await res.json()) as FiguresResponse;
    expect(body.suppressBelow).toBe(5);
    const scope = (id: string) => body.scopes.find((s) => s.id === id)!;
    expect(body.scopes.map((s) => `${s.scope}:${s.id}`)).toEqual(['region:twente', 'alliance:overijssel', 'region:rijnmond', 'region:utrecht', 'region:zwolle', 'country:nl']);

    const twente = reference(await candidatesOf('twente'));
    expect(scope('twente').figures.total).toBe(twente.total);
    expect(scope('twente').figures.byPhase).toEqual(twente.byPhase);
    expect(scope('twente').figures.bySector).toEqual(twente.bySector);
    expect(Object.values(scope('twente').figures.byPhase).some((v) => v !== null && v < 5)).toBe(true); // own: small cells shown

    const utrecht = reference(await candidatesOf('utrecht'));
    expect(scope('utrecht').figures.total).toBe(utrecht.total);
    expect(scope('utrecht').figures.byPhase).toEqual(hide(utrecht.byPhase));
    expect(scope('utrecht').figures.inflowByMonth).toEqual(hide(utrecht.inflowByMonth));
    expect(Object.values(scope('utrecht').figures.byPhase)).toContain(null);
    expect(scope('zwolle').figures.total).toBeNull(); // 3 people
    expect(scope('zwolle').figures.byPhase).toEqual({ nieuw: null });

    const zwolle = reference(await candidatesOf('zwolle'));
    expect(scope('overijssel').figures.total).toBe(twente.total + zwolle.total);
    expect(scope('overijssel').figures.byPhase.nieuw).toBe((twente.byPhase.nieuw ?? 0) + 3 >= 5 ? (twente.byPhase.nieuw ?? 0) + 3 : null);
    const rijnmond = reference(await candidatesOf('rijnmond'));
    expect(scope('nl').figures.total).toBe(twente.total + utrecht.total + rijnmond.total + zwolle.total);
    // Nothing outside her own region is under 5.
    for (const s of body.scopes.filter((x) => x.id !== 'twente')) {
      for (const t of [s.figures.byPhase, s.figures.bySector, s.figures.byFunction, s.figures.bySubject, s.figures.byRoute, s.figures.bySource, s.figures.inflowByMonth]) {
        for (const v of Object.values(t)) expect(v === null || v >= 5).toBe(true);
      }
    }
  });

  it('counts a candidate linked to two regions once in the alliance and the country, and sees new writes', async () => {
    const before = (await (await call(ANNA, 'GET', '/_regiodesk/figures')).json()) as FiguresResponse;
    const total = (b: FiguresResponse, id: string) => b.scopes.find((s) => s.id === id)!.figures.total;
    const now = new Date().toISOString();
    const { id, ...c } = newCandidate({ firstName: 'Gedeeld', lastName: 'Tweemaal', regions: ['twente', 'zwolle'], ownerRegion: 'twente', owner: 'anna' }, { id: 'twente-linked1', user: 'anna', now });
    expect((await call(ADMIN, 'PUT', `/region-twente/${id}`, { ...c })).status).toBe(201);
    // The fan-out copies it into zwolle's database too: wait until it is there.
    while ((await call(ADMIN, 'GET', `/region-zwolle/${id}`)).status !== 200) await new Promise((r) => setTimeout(r, 50));
    const after = (await (await call(ANNA, 'GET', '/_regiodesk/figures')).json()) as FiguresResponse;
    expect(total(after, 'twente')).toBe(total(before, 'twente')! + 1);
    expect(total(after, 'overijssel')).toBe(total(before, 'overijssel')! + 1);
    expect(total(after, 'nl')).toBe(total(before, 'nl')! + 1);
  });

  it('leaks no personal data and refuses anonymous callers', async () => {
    const text = await (await call(ANNA, 'GET', '/_regiodesk/figures')).text();
    for (const d of (await candidatesOf('utrecht')).slice(0, 20)) {
      expect(text).not.toContain(d._id);
      expect(text).not.toContain(d.lastName);
      if (d.email) expect(text).not.toContain(d.email);
    }
    const anon = await call(null, 'GET', '/_regiodesk/figures');
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ error: 'unauthorized' });
  });
});

describe('alliances', () => {
  it('are configured by administrators only, with validated input', async () => {
    const list = (await (await call(ADMIN, 'GET', '/_regiodesk/admin/alliances')).json()) as { id: string }[];
    expect(list.map((a) => a.id)).toEqual(['overijssel', 'randstad']);
    expect((await call(ANNA, 'GET', '/_regiodesk/alliances')).status).toBe(200);
    const bad = async (body: unknown, status: number) => {
      const res = await call(ADMIN, 'POST', '/_regiodesk/admin/alliances', body);
      expect(res.status).toBe(status);
      const e = (await res.json()) as { error: string; reason: string };
      expect(typeof e.error).toBe('string');
      expect(e.reason.length).toBeGreaterThan(0);
    };
    await bad({ id: 'Bad Id!', name: 'X', regions: ['twente'] }, 400);
    await bad({ id: 'xx-test', name: '', regions: ['twente'] }, 400);
    await bad({ id: 'xx-test', name: 'X', regions: [] }, 400);
    await bad({ id: 'xx-test', name: 'X', regions: 'twente' }, 400);
    await bad({ id: 'xx-test', name: 'X', regions: ['nowhere'] }, 404);
    expect((await call(ADMIN, 'POST', '/_regiodesk/admin/alliances', '[1]')).status).toBe(400);
    expect((await call(CARLA, 'POST', '/_regiodesk/admin/alliances', { id: 'xx-test', name: 'X', regions: ['twente'] })).status).toBe(403);
    expect((await call(CARLA, 'DELETE', '/_regiodesk/admin/alliances/randstad')).status).toBe(403);
    expect((await call(ADMIN, 'DELETE', '/_regiodesk/admin/alliances/nope')).status).toBe(404);
    expect((await call(ADMIN, 'POST', '/_regiodesk/admin/alliances', { id: 'tmp', name: 'Tijdelijk', regions: ['twente'] })).status).toBe(201);
    expect((await call(ADMIN, 'DELETE', '/_regiodesk/admin/alliances/tmp')).status).toBe(200);
    expect(((await (await call(ADMIN, 'GET', '/_regiodesk/admin/alliances')).json()) as unknown[]).length).toBe(2);
  });
});

describe('GET /_regiodesk/report', () => {
  it("gives a supervisor her region's report, equal to an independent count at quarter end", async () => {
    const res = await call(CARLA, 'GET', '/_regiodesk/report?region=twente&quarter=2026Q2');
    expect(res.status).toBe(200);
    const r = (await res.json()) as QuarterReport;
    expect(r).toMatchObject({ scope: 'region', id: 'twente', name: 'Twente', quarter: '2026Q2', suppressBelow: null });
    expect(r.previous.quarter).toBe('2026Q1');
    expect(r.yearEarlier.quarter).toBe('2025Q2');
    const docs = await candidatesOf('twente');
    const end = Date.parse('2026-07-01T00:00:00Z');
    expect(r.current.stockTotal).toBe(docs.filter((d) => Date.parse(d.createdAt) < end).length);
    expect(r.current.inflow).toBe(docs.filter((d) => Date.parse(d.createdAt) < end && Date.parse(d.createdAt) >= Date.parse('2026-04-01T00:00:00Z')).length);
  });

  it('suppresses an alliance report and refuses others and bad input with {error, reason}', async () => {
    const r = (await (await call(CARLA, 'GET', '/_regiodesk/report?alliance=overijssel&quarter=2026Q2')).json()) as QuarterReport;
    expect(r).toMatchObject({ scope: 'alliance', id: 'overijssel', suppressBelow: 5, regions: ['twente', 'zwolle'] });
    for (const f of [r.current, r.previous, r.yearEarlier]) for (const v of [...Object.values(f.stock), ...Object.values(f.transitions)]) expect(v === null || v >= 5).toBe(true);
    const refuse = async (auth: string, q: string, status: number) => {
      const res = await call(auth, 'GET', `/_regiodesk/report?${q}`);
      expect(res.status, q).toBe(status);
      expect(Object.keys(await res.json()).sort()).toEqual(['error', 'reason']);
    };
    await refuse(ANNA, 'region=twente&quarter=2026Q2', 403); // an editor
    await refuse(CARLA, 'region=utrecht&quarter=2026Q2', 403); // not her region
    await refuse(CARLA, 'alliance=randstad&quarter=2026Q2', 403);
    await refuse(CARLA, 'region=twente&quarter=2026-2', 400);
    await refuse(CARLA, 'region=twente', 400);
    await refuse(CARLA, 'region=twente&alliance=overijssel&quarter=2026Q2', 400);
    await refuse(CARLA, 'region=Twente!&quarter=2026Q2', 400);
    await refuse(ADMIN, 'region=nowhere&quarter=2026Q2', 404);
    await refuse(ADMIN, 'alliance=nowhere&quarter=2026Q2', 404);
  });
});

describe('RegionCandidates', () => {
  it('rescans a region only after it was written to', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-figures-'));
    const store = new EmbeddedStore(dir);
    try {
      await store.create('region-twente');
      const db = (await store.open('region-twente'))!;
      const now = new Date().toISOString();
      const put = async (n: string) => {
        const { id, ...c } = newCandidate({ firstName: 'A', lastName: n, regions: ['twente'], ownerRegion: 'twente', owner: 'a' }, { id: n, user: 'a', now });
        await db.bulkDocs([{ _id: id, ...c }], true);
      };
      await put('c1');
      const src = new RegionCandidates(store);
      expect((await src.figures('twente')).total).toBe(1);
      expect((await src.figures('twente')).total).toBe(1);
      expect(src.scans).toBe(1);
      await put('c2');
      expect((await src.figures('twente')).total).toBe(2);
      expect(src.scans).toBe(2);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
