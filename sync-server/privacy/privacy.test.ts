import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateDoc, noteDoc } from '../fanout/fixtures';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

/** Audit log, right of access and retention, through real HTTP on a real server. */
const NAME = 'Wendelmoet Audit-Proef';
const auth = {
  anna: basicAuth('anna', 'regiodesk'),
  bram: basicAuth('bram', 'regiodesk'),
  carla: basicAuth('carla', 'regiodesk'),
  daan: basicAuth('daan', 'regiodesk'),
  vera: basicAuth('vera', 'regiodesk'),
  admin: basicAuth('admin', TEST_ADMIN_PASSWORD),
};
type Who = keyof typeof auth;
let server: TestServer;

async function call(who: Who, method: string, p: string, body?: unknown): Promise<{ status: number; text: string; json: any; headers: Headers }> {
  const res = await fetch(server.url + p, {
    method,
    headers: { authorization: auth[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON (a PDF) */
  }
  return { status: res.status, text, json, headers: res.headers };
}

async function until(what: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition never met');
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3 });
  const person = { ...candidateDoc('audit1', ['twente', 'utrecht'], 'twente'), lastName: NAME };
  const w = await call('anna', 'POST', '/region-twente/_bulk_docs', {
    docs: [person, noteDoc('audit1', 'n1', 'twente', 'shared', 'gedeelde notitie'), noteDoc('audit1', 'k1', 'twente', 'region', 'opmerking alleen twente')],
  });
  expect(w.status).toBe(201);
  await until(async () => (await call('bram', 'GET', '/region-utrecht/audit1')).status === 200);
}, 60_000);
afterAll(() => server?.close());

describe('audit log', () => {
  it('records who changed which document, without field values, for the supervisor only', async () => {
    const log = await call('carla', 'GET', '/_regiodesk/audit/twente');
    expect(log.status).toBe(200);
    const change = log.json.entries.find((e: any) => e.action === 'changed' && e.docIds.includes('audit1'));
    expect(change).toMatchObject({ user: 'anna', region: 'twente' });
    expect(log.text).not.toContain(NAME);
    for (const who of ['anna', 'vera', 'bram'] as const) expect((await call(who, 'GET', '/_regiodesk/audit/twente')).status).toBe(403);
    expect((await call('admin', 'GET', '/_regiodesk/audit/twente')).status).toBe(200);
  });

  it('takes views reported by the app, and refuses free text and other regions', async () => {
    const ok = await call('vera', 'POST', '/_regiodesk/audit', { action: 'viewed', region: 'twente', docId: 'audit1', what: 'candidate-file' });
    expect(ok.status).toBe(201);
    const bad = await call('vera', 'POST', '/_regiodesk/audit', { action: 'viewed', region: 'twente', docId: 'audit1', what: `opened ${NAME}` });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'bad_request' });
    expect((await call('vera', 'POST', '/_regiodesk/audit', { action: 'changed', region: 'twente', what: 'x' })).status).toBe(400);
    expect((await call('bram', 'POST', '/_regiodesk/audit', { action: 'viewed', region: 'twente', what: 'candidate-file' })).status).toBe(403);
    // A view made offline arrives later with its own time; nonsense times are refused.
    const offlineAt = new Date(Date.now() - 3600_000).toISOString();
    expect((await call('vera', 'POST', '/_regiodesk/audit', { action: 'viewed', region: 'twente', docId: 'audit1', what: 'candidate-file', at: '2001-01-01T00:00:00Z' })).status).toBe(400);
    expect((await call('vera', 'POST', '/_regiodesk/audit', { action: 'viewed', region: 'twente', docId: 'audit1', what: 'candidate-file', at: offlineAt })).status).toBe(201);
    const late = (await call('carla', 'GET', '/_regiodesk/audit/twente?limit=500')).json.entries.find((e: any) => e.at === offlineAt);
    expect(late).toMatchObject({ user: 'vera', action: 'viewed' });
    expect(late.receivedAt > offlineAt).toBe(true);
    const log = await call('carla', 'GET', '/_regiodesk/audit/twente?limit=1');
    expect(log.json.entries).toHaveLength(1);
    expect(log.json.entries[0]).toMatchObject({ action: 'viewed', user: 'vera', docIds: ['audit1'] });
    const next = await call('carla', 'GET', `/_regiodesk/audit/twente?limit=1&before=${encodeURIComponent(log.json.next)}`);
    expect(next.json.entries[0].id).not.toBe(log.json.entries[0].id);
  });

  it('cannot be written, changed, replicated or deleted through any CouchDB endpoint, not even by an administrator', async () => {
    const before = (await call('carla', 'GET', '/_regiodesk/audit/twente?limit=500')).json.entries as { id: string }[];
    const db = '/_regiodesk_audit_twente';
    const attempts: [string, string, unknown?][] = [
      ['GET', `${db}/_all_docs?include_docs=true`],
      ['GET', `${db}/_changes?include_docs=true`],
      ['GET', `${db}/${encodeURIComponent(before[0]!.id)}`],
      ['PUT', `${db}/${encodeURIComponent(before[0]!.id)}`, { action: 'viewed' }],
      ['DELETE', `${db}/${encodeURIComponent(before[0]!.id)}?rev=1-x`],
      ['POST', `${db}/_bulk_docs`, { docs: [{ _id: before[0]!.id, _deleted: true }] }],
      ['POST', `${db}/_purge`, { [before[0]!.id]: ['*'] }],
      ['POST', `${db}/_compact`, {}],
      ['DELETE', db],
      ['PUT', db],
    ];
    for (const [method, p, body] of attempts) {
      for (const who of ['admin', 'carla'] as const) {
        const r = await call(who, method, p, body);
        expect(r.status, `${who} ${method} ${p}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${who} ${method} ${p}`).toBeLessThan(500);
      }
    }
    const all = (await call('admin', 'GET', '/_all_dbs')).json as string[];
    expect(all.filter((d) => d.includes('audit'))).toEqual([]);
    const after = (await call('carla', 'GET', '/_regiodesk/audit/twente?limit=500')).json.entries as { id: string }[];
    expect(after.map((e) => e.id)).toEqual(expect.arrayContaining(before.map((e) => e.id)));
  });
});

describe('right of access', () => {
  it('exports everything a user may see about the person as JSON, logged', async () => {
    const daan = await call('daan', 'GET', '/_regiodesk/access-export/audit1');
    expect(daan.status).toBe(200);
    expect(daan.headers.get('content-disposition')).toContain('attachment');
    const regions = Object.fromEntries((daan.json.regions as { region: string; documents: any[] }[]).map((r) => [r.region, r.documents]));
    expect(Object.keys(regions).sort()).toEqual(['twente', 'utrecht']);
    expect(regions.twente!.map((d) => d._id).sort()).toEqual(['audit1', 'audit1:n:k1', 'audit1:n:n1']);
    expect(JSON.stringify(regions.twente)).not.toContain('fieldClocks');
    // Bram (Utrecht) sees the person and the shared note, never Twente's comment.
    const bram = await call('bram', 'GET', '/_regiodesk/access-export/audit1');
    expect(bram.json.regions.map((r: any) => r.region)).toEqual(['utrecht']);
    expect(bram.text).not.toContain('opmerking alleen twente');
    expect(bram.text).toContain(NAME);
    const log = await call('carla', 'GET', '/_regiodesk/audit/twente?limit=5');
    expect(log.json.entries.some((e: any) => e.action === 'exported' && e.user === 'daan' && e.docIds[0] === 'audit1')).toBe(true);
    expect((await call('anna', 'GET', '/_regiodesk/access-export/nobody')).status).toBe(404);
  });

  it('gives a readable PDF', async () => {
    const res = await fetch(`${server.url}/_regiodesk/access-export/audit1?format=pdf`, { headers: { authorization: auth.daan } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = bytes.toString('latin1');
    expect(text).toContain('Inzage in persoonsgegevens');
    expect(text).toContain('Audit-Proef');
    expect(text).toContain('gedeelde notitie');
  });
});

describe('retention', () => {
  it('lists people without activity past the period, to supervisors, who may extend with a reason', async () => {
    expect((await call('anna', 'GET', '/_regiodesk/retention/twente')).status).toBe(403);
    const dflt = await call('carla', 'GET', '/_regiodesk/retention/twente');
    expect(dflt.json.months).toBe(24);
    expect((await call('carla', 'PUT', '/_regiodesk/retention/twente', { months: 0 })).status).toBe(400);
    expect((await call('carla', 'PUT', '/_regiodesk/retention/twente', { months: 'x' })).json).toMatchObject({ error: 'bad_request' });
    // audit1 was last touched on 2026-03-01 (fixture) and notes written now: still active.
    expect((await call('carla', 'PUT', '/_regiodesk/retention/twente', { months: 1 })).status).toBe(200);
    const old = { ...candidateDoc('oldie', ['twente'], 'twente'), createdAt: '2019-01-01T10:00:00.000Z', updatedAt: '2019-02-01T10:00:00.000Z' };
    expect((await call('anna', 'POST', '/region-twente/_bulk_docs', { docs: [old] })).status).toBe(201);
    const list = await call('carla', 'GET', '/_regiodesk/retention/twente');
    expect(list.json.months).toBe(1);
    const ids = list.json.candidates.map((c: any) => c.id);
    expect(ids).toContain('oldie');
    expect(ids).not.toContain('audit1');
    expect(list.json.candidates.find((c: any) => c.id === 'oldie')).toMatchObject({ lastActivity: '2019-02-01T10:00:00.000Z' });

    expect((await call('carla', 'POST', '/_regiodesk/retention/twente/extend', { candidateId: 'oldie', reason: '' })).status).toBe(400);
    const ext = await call('carla', 'POST', '/_regiodesk/retention/twente/extend', { candidateId: 'oldie', reason: 'Loopt nog een traject', months: 6 });
    expect(ext.status).toBe(200);
    const after = await call('carla', 'GET', '/_regiodesk/retention/twente');
    expect(after.json.candidates.map((c: any) => c.id)).not.toContain('oldie');
    const log = await call('carla', 'GET', '/_regiodesk/audit/twente?limit=10');
    expect(log.json.entries.some((e: any) => e.action === 'extended' && e.docIds[0] === 'oldie')).toBe(true);
    expect(log.json.entries.some((e: any) => e.action === 'retention')).toBe(true);

    // Consent withdrawn today: listed first however recent, as the erasure waits for a supervisor.
    const now = new Date().toISOString();
    const withdrawn = candidateDoc('withdrawn1', ['twente']) as any;
    withdrawn.consent = { ...withdrawn.consent, given: false, withdrawnAt: now, withdrawnBy: 'anna', erasure: 'pending' };
    const w = await call('anna', 'POST', '/region-twente/_bulk_docs', { docs: [{ ...withdrawn, updatedAt: now }] });
    expect(w.json[0].ok, w.text).toBe(true);
    const again = await call('carla', 'GET', '/_regiodesk/retention/twente');
    expect(again.json.candidates[0]).toMatchObject({ id: 'withdrawn1', withdrawnAt: now });
  });
});

describe('after an erasure', () => {
  it('refuses documents about the person from a laptop that missed it, and keeps the rest of the push', async () => {
    const person = candidateDoc('gone1', ['twente']);
    expect((await call('anna', 'POST', '/region-twente/_bulk_docs', { docs: [person] })).status).toBe(201);
    const er = await call('carla', 'POST', '/_regiodesk/erase', { candidateId: 'gone1' });
    expect(er.status, er.text).toBe(200);
    const stale = await call('anna', 'POST', '/region-twente/_bulk_docs', {
      docs: [noteDoc('gone1', 'late', 'twente', 'shared', 'offline geschreven'), person, noteDoc('audit1', 'other', 'twente', 'shared', 'over iemand anders')],
    });
    expect(stale.status).toBe(201);
    expect(stale.json.map((r: any) => r.error ?? 'ok')).toEqual(['forbidden', 'forbidden', 'ok']);
    expect((await call('anna', 'GET', '/region-twente/gone1')).status).toBe(404);
    expect((await call('anna', 'GET', `/region-twente/${encodeURIComponent('gone1:n:late')}`)).status).toBe(404);
    expect((await call('anna', 'PUT', `/region-twente/${encodeURIComponent('gone1:n:late2')}`, noteDoc('gone1', 'late2', 'twente', 'shared', 'x'))).status).toBeGreaterThanOrEqual(400);
  });
});

