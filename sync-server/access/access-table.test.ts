import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

/**
 * Every route × role × region, by status code. The demo users: admin; carla supervisor of twente;
 * anna editor of twente; vera viewer of twente; bram editor of utrecht (the "other region");
 * anonymous. Each row targets region-twente (or an admin endpoint), so bram shows what another
 * region's user gets.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3 });
  await call('admin', 'PUT', '/region-twente/acc-doc', candidate('acc-doc'));
});
afterAll(() => server?.close());

const ROLES = ['admin', 'carla', 'anna', 'vera', 'bram', 'anonymous'] as const;
type Role = (typeof ROLES)[number];

function auth(role: Role): Record<string, string> {
  if (role === 'anonymous') return {};
  return { Authorization: basicAuth(role, role === 'admin' ? TEST_ADMIN_PASSWORD : DEMO_PASSWORD) };
}

async function call(role: Role, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(server.url + path, {
    method,
    headers: { ...auth(role), 'Content-Type': 'application/json', Accept: 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

let seq = 0;
function candidate(id: string): Record<string, unknown> {
  const { id: _id, ...rest } = newCandidate(
    { firstName: 'Tess', lastName: 'Tabel', regions: ['twente'], ownerRegion: 'twente', consent: { given: true, purpose: 'test' } },
    { id, user: 'admin', now: new Date().toISOString() },
  );
  return { _id, ...rest };
}

type Expect = Record<Role, number>;
const READ: Expect = { admin: 200, carla: 200, anna: 200, vera: 200, bram: 403, anonymous: 401 };
const WRITE: Expect = { admin: 201, carla: 201, anna: 201, vera: 403, bram: 403, anonymous: 401 };
const CHECKPOINT: Expect = { admin: 201, carla: 201, anna: 201, vera: 201, bram: 403, anonymous: 401 };
const ADMIN_ONLY = (ok: number): Expect => ({ admin: ok, carla: 403, anna: 403, vera: 403, bram: 403, anonymous: 401 });
const SUPERVISORS = (ok: number, otherSupervisor = 403): Expect => ({ admin: ok, carla: ok, anna: 403, vera: 403, bram: otherSupervisor, anonymous: 401 });

interface Row {
  route: string;
  expect: Expect;
  /** Makes the request for a role; `n` is unique per call, for fresh ids. */
  send: (role: Role, n: number) => Promise<Response>;
}

const T = '/region-twente';
const ROWS: Row[] = [
  { route: 'GET /db', expect: READ, send: (r) => call(r, 'GET', `${T}/`) },
  { route: 'HEAD /db', expect: READ, send: (r) => call(r, 'HEAD', `${T}/`) },
  { route: 'GET /db/_changes', expect: READ, send: (r) => call(r, 'GET', `${T}/_changes?since=0&limit=2`) },
  { route: 'GET /db/_changes longpoll', expect: READ, send: (r) => call(r, 'GET', `${T}/_changes?feed=longpoll&since=0&limit=1`) },
  { route: 'POST /db/_changes _doc_ids', expect: READ, send: (r) => call(r, 'POST', `${T}/_changes?filter=_doc_ids`, { doc_ids: ['acc-doc'] }) },
  { route: 'GET /db/_all_docs', expect: READ, send: (r) => call(r, 'GET', `${T}/_all_docs?limit=2`) },
  { route: 'POST /db/_all_docs keys', expect: READ, send: (r) => call(r, 'POST', `${T}/_all_docs`, { keys: ['acc-doc'] }) },
  { route: 'POST /db/_bulk_get', expect: READ, send: (r) => call(r, 'POST', `${T}/_bulk_get?revs=true`, { docs: [{ id: 'acc-doc' }] }) },
  { route: 'POST /db/_revs_diff', expect: READ, send: (r) => call(r, 'POST', `${T}/_revs_diff`, { 'acc-doc': ['1-x'] }) },
  { route: 'GET /db/doc', expect: READ, send: (r) => call(r, 'GET', `${T}/acc-doc`) },
  { route: 'GET /db/doc open_revs', expect: READ, send: (r) => call(r, 'GET', `${T}/acc-doc?open_revs=all`) },
  { route: 'PUT /db/_local/id', expect: CHECKPOINT, send: (r, n) => call(r, 'PUT', `${T}/_local/acc-${n}`, { last_seq: 1 }) },
  { route: 'GET /db/_local/id', expect: { ...READ, admin: 404, carla: 404, anna: 404, vera: 404 }, send: (r) => call(r, 'GET', `${T}/_local/none`) },
  { route: 'POST /db/_bulk_docs', expect: WRITE, send: (r, n) => call(r, 'POST', `${T}/_bulk_docs`, { docs: [candidate(`acc-bulk-${n}`)] }) },
  { route: 'PUT /db/doc', expect: WRITE, send: (r, n) => call(r, 'PUT', `${T}/acc-put-${n}`, candidate(`acc-put-${n}`)) },
  { route: 'POST /db', expect: WRITE, send: (r, n) => call(r, 'POST', T, candidate(`acc-post-${n}`)) },
  {
    route: 'DELETE /db/doc',
    expect: { ...WRITE, admin: 200, carla: 200, anna: 200 },
    send: async (r, n) => {
      const made = (await (await call('admin', 'PUT', `${T}/acc-del-${n}`, candidate(`acc-del-${n}`))).json()) as { rev: string };
      return call(r, 'DELETE', `${T}/acc-del-${n}?rev=${made.rev}`);
    },
  },
  { route: 'PUT /db (exists)', expect: ADMIN_ONLY(412), send: (r) => call(r, 'PUT', `${T}`) },
  { route: 'PUT /newdb', expect: ADMIN_ONLY(201), send: (r, n) => call(r, 'PUT', `/scratch-${n}`) },
  {
    route: 'DELETE /admin-db',
    expect: ADMIN_ONLY(200),
    send: async (r, n) => {
      await (await call('admin', 'PUT', `/gone-${n}`)).arrayBuffer();
      return call(r, 'DELETE', `/gone-${n}`);
    },
  },
  { route: 'DELETE /region-db', expect: ADMIN_ONLY(403), send: (r) => call(r, 'DELETE', T) },
  { route: 'GET /_all_dbs', expect: { ...READ, bram: 200 }, send: (r) => call(r, 'GET', '/_all_dbs') },
  { route: 'GET /_session', expect: { ...READ, bram: 200, anonymous: 200 }, send: (r) => call(r, 'GET', '/_session') },
  { route: 'GET /_users internal', expect: { ...ADMIN_ONLY(403) }, send: (r) => call(r, 'GET', '/_regiodesk_users/_all_docs') },
  { route: 'GET admin/regions', expect: ADMIN_ONLY(200), send: (r) => call(r, 'GET', '/_regiodesk/admin/regions') },
  { route: 'POST admin/regions', expect: ADMIN_ONLY(201), send: (r, n) => call(r, 'POST', '/_regiodesk/admin/regions', { code: `acc${n}`, name: `Acc ${n}` }) },
  { route: 'GET admin/users', expect: SUPERVISORS(200), send: (r) => call(r, 'GET', '/_regiodesk/admin/users') },
  {
    route: 'POST admin/users (twente)',
    expect: SUPERVISORS(201),
    send: (r, n) => call(r, 'POST', '/_regiodesk/admin/users', { name: `acc-user-${n}`, password: 'long-enough', memberships: [{ region: 'twente', role: 'viewer' }] }),
  },
  {
    route: 'POST admin/users (utrecht)',
    expect: { ...SUPERVISORS(201), carla: 403 },
    send: (r, n) => call(r, 'POST', '/_regiodesk/admin/users', { name: `acc-user-u${n}`, password: 'long-enough', memberships: [{ region: 'utrecht', role: 'viewer' }] }),
  },
  { route: 'PATCH admin/users/vera', expect: SUPERVISORS(200), send: (r) => call(r, 'PATCH', '/_regiodesk/admin/users/vera', { disabled: false }) },
  { route: 'PATCH admin/users/bram', expect: { ...SUPERVISORS(200), carla: 404 }, send: (r) => call(r, 'PATCH', '/_regiodesk/admin/users/bram', { disabled: false }) },
  { route: 'PATCH admin/users/admin', expect: { ...SUPERVISORS(200), carla: 404 }, send: (r) => call(r, 'PATCH', '/_regiodesk/admin/users/admin', { disabled: false }) },
  {
    route: 'PATCH admin/users/vera admin:true',
    expect: { ...SUPERVISORS(200), carla: 403 },
    send: (r) => call(r, 'PATCH', '/_regiodesk/admin/users/vera', { admin: false }),
  },
  { route: 'GET admin/backup', expect: ADMIN_ONLY(200), send: (r) => call(r, 'GET', '/_regiodesk/admin/backup') },
  { route: 'POST admin/restore', expect: { ...ADMIN_ONLY(400) }, send: (r) => call(r, 'POST', '/_regiodesk/admin/restore', { not: 'a backup' }) },
  { route: 'POST admin/compact', expect: ADMIN_ONLY(200), send: (r) => call(r, 'POST', '/_regiodesk/admin/compact', {}) },
];

describe('access table: route × role × region', () => {
  for (const row of ROWS) {
    it(row.route, async () => {
      const got: Partial<Expect> = {};
      for (const role of ROLES) {
        const res = await row.send(role, ++seq);
        await res.arrayBuffer();
        got[role] = res.status;
      }
      expect(got).toEqual(row.expect);
    });
  }

  it('_session tells each user only her own regions; _all_dbs only readable databases', async () => {
    const s = (await (await call('bram', 'GET', '/_session')).json()) as { userCtx: { name: string; roles: string[] }; regiodesk: { regions: { code: string }[] } };
    expect(s.userCtx).toEqual({ name: 'bram', roles: ['editor:utrecht'] });
    expect(s.regiodesk.regions.map((r) => r.code)).toEqual(['utrecht']);
    expect(await (await call('vera', 'GET', '/_all_dbs')).json()).toEqual(['reference', 'region-twente']);
    const anon = (await (await call('anonymous', 'GET', '/_session')).json()) as { userCtx: { name: null } };
    expect(anon.userCtx.name).toBeNull();
  });

  it('a supervisor sees only the users of her regions, and never password hashes', async () => {
    const list = (await (await call('carla', 'GET', '/_regiodesk/admin/users')).json()) as { name: string; memberships: { region: string }[] }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((u) => u.memberships.every((m) => m.region === 'twente'))).toBe(true);
    expect(list.map((u) => u.name)).not.toContain('bram');
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });
});
