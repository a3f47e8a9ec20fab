import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateSchema, checkRegionDocument, fromWire, PHASES } from '../../src/shared';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { demoCandidates } from './candidates';
import { DEMO_PASSWORD, DEMO_REGIONS, DEMO_SIZE, DEMO_USERS } from './load';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server?.close());

const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD) };

describe('demo data', () => {
  it(`has ${DEMO_SIZE} valid candidates in each region`, async () => {
    for (const region of DEMO_REGIONS) {
      const res = await fetch(`${server.url}/region-${region.code}/_all_docs?include_docs=true`, { headers: admin });
      const body = (await res.json()) as { total_rows: number; rows: { doc: Record<string, unknown> }[] };
      const candidates = body.rows.filter((r) => r.doc.type === 'candidate');
      expect(candidates).toHaveLength(DEMO_SIZE);
      for (const row of body.rows) {
        const check = checkRegionDocument(region.code, row.doc);
        expect(check, JSON.stringify(row.doc)).toMatchObject({ ok: true });
      }
      for (const row of candidates) expect(candidateSchema.safeParse(fromWire(row.doc)).success).toBe(true);
      // the network: organisations, contacts and tasks came along
      const types = new Set(body.rows.map((r) => r.doc.type));
      for (const t of ['organisation', 'contact', 'task']) expect(types, region.code).toContain(t);
    }
  });

  it('is believable: Dutch names with accents, local places, early phases most common', () => {
    const list = demoCandidates('twente', DEMO_SIZE, ['anna']);
    const names = list.map((c) => c.firstName + ' ' + c.lastName).join(' ');
    expect(names).toMatch(/[üëéïöçş]/);
    expect(new Set(list.map((c) => c.place))).toContain('Enschede');
    const count = (phase: string) => list.filter((c) => c.phase === phase).length;
    expect(count('nieuw') + count('orienteren')).toBeGreaterThan(count('opleiden') + count('geplaatst') + count('gestopt'));
    expect(new Set(list.map((c) => c.phase)).size).toBe(PHASES.length);
    for (const c of list) {
      expect(c.consent.given).toBe(true);
      expect(c.consent.purpose).toBeTruthy();
      expect(c.phone).toMatch(/^06-\d{8}$/);
      expect(c.postcode).toMatch(/^7\d{3} [A-Z]{2}$/);
      const age = Date.now() - Date.parse(c.createdAt);
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThan(550 * 86_400_000);
    }
  });

  it('has phase histories that walk the journey and end in the current phase', () => {
    const list = demoCandidates('twente', DEMO_SIZE, ['anna', 'daan']);
    for (const c of list) {
      const h = c.phaseHistory!;
      expect(h[0]!.from).toBeUndefined();
      expect(h[h.length - 1]!.to).toBe(c.phase);
      for (let i = 1; i < h.length; i++) {
        expect(h[i]!.from).toBe(h[i - 1]!.to);
        expect(h[i]!.at >= h[i - 1]!.at).toBe(true);
      }
    }
    expect(list.filter((c) => c.phase === 'matchen').every((c) => c.phaseHistory!.length === 4)).toBe(true);
  });

  it('is deterministic', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(demoCandidates('utrecht', 20, ['bram'], now)).toEqual(demoCandidates('utrecht', 20, ['bram'], now));
  });

  it('demo users can log in and see their regions', async () => {
    for (const u of DEMO_USERS) {
      const res = await fetch(`${server.url}/_session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: u.name, password: DEMO_PASSWORD }),
      });
      expect(res.status, u.name).toBe(200);
      const dbs = (await (await fetch(`${server.url}/_all_dbs`, { headers: { Cookie: res.headers.get('set-cookie')!.split(';')[0]! } })).json()) as string[];
      expect(dbs).toEqual(['reference', ...u.memberships.map((m) => `region-${m.region}`).sort()]);
    }
  });

  it('is not loaded again into a data folder that is not empty', async () => {
    const { startServer } = await import('../server');
    const { withDefaults } = await import('../config');
    const again = await startServer(withDefaults({ dataDir: server.dataDir + '-second', port: 0, demo: true, demoSize: 3 }));
    const first = await fetch(`${again.url}/region-twente/`, { headers: { Authorization: basicAuth('anna', DEMO_PASSWORD) } });
    const firstCount = ((await first.json()) as { doc_count: number }).doc_count;
    await again.close();
    const third = await startServer(withDefaults({ dataDir: server.dataDir + '-second', port: 0, demo: true, demoSize: 7 }));
    const res = await fetch(`${third.url}/region-twente/`, { headers: { Authorization: basicAuth('anna', DEMO_PASSWORD) } });
    // 3 candidates and the demo's organisations, contacts and tasks; nothing more the second time
    expect(((await res.json()) as { doc_count: number }).doc_count).toBe(firstCount);
    expect(firstCount).toBeGreaterThan(3);
    await third.close();
    const { rm } = await import('node:fs/promises');
    await rm(server.dataDir + '-second', { recursive: true, force: true });
  });
});
