import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 5 });
});
afterAll(() => server?.close());

const USERS = ['anna', 'vera', 'bram', 'carla', 'admin'] as const;
type User = (typeof USERS)[number];
const DBS = ['region-twente', 'region-utrecht'] as const;

function headers(user: User | null): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json' };
  if (user) h.Authorization = basicAuth(user, user === 'admin' ? TEST_ADMIN_PASSWORD : DEMO_PASSWORD);
  return h;
}

let seq = 0;
function candidateFor(db: string, user: string) {
  const region = db.replace('region-', '');
  const { id, ...rest } = newCandidate(
    { firstName: 'Test', lastName: `Persoon ${++seq}`, regions: [region], ownerRegion: region, consent: { given: true, purpose: 'test' } },
    { id: `t-${user}-${seq}`, user, now: new Date().toISOString() },
  );
  return { _id: id, ...rest };
}

// Expected status per user and database: [read, write].
const EXPECT: Record<User, Record<(typeof DBS)[number], [number, number]>> = {
  anna: { 'region-twente': [200, 201], 'region-utrecht': [403, 403] },
  vera: { 'region-twente': [200, 403], 'region-utrecht': [403, 403] },
  bram: { 'region-twente': [403, 403], 'region-utrecht': [200, 201] },
  carla: { 'region-twente': [200, 201], 'region-utrecht': [403, 403] },
  admin: { 'region-twente': [200, 201], 'region-utrecht': [200, 201] },
};

describe('route × role × region', () => {
  for (const user of USERS) {
    for (const db of DBS) {
      const [read, write] = EXPECT[user][db];
      it(`${user} on ${db}: read ${read}, write ${write}`, async () => {
        const h = headers(user);
        const get = (path: string) => fetch(`${server.url}/${db}/${path}`, { headers: h });
        expect((await get('')).status).toBe(read);
        expect((await get('_changes?since=0&limit=2')).status).toBe(read);
        expect((await get('_all_docs?limit=2')).status).toBe(read);
        const post = await fetch(`${server.url}/${db}/_all_docs`, { method: 'POST', headers: h, body: JSON.stringify({ keys: ['x'] }) });
        expect(post.status).toBe(read);
        const bulk = await fetch(`${server.url}/${db}/_bulk_docs`, {
          method: 'POST',
          headers: h,
          body: JSON.stringify({ docs: [candidateFor(db, user)] }),
        });
        expect(bulk.status).toBe(write);
        if (write === 201) expect((await bulk.json())[0]).toMatchObject({ ok: true });
        const doc = candidateFor(db, user);
        const put = await fetch(`${server.url}/${db}/${doc._id}`, { method: 'PUT', headers: h, body: JSON.stringify(doc) });
        expect(put.status).toBe(write);
        if (read === 403) expect(await put.json()).toMatchObject({ error: 'forbidden' });
        // Replication checkpoints are allowed to readers.
        const local = await fetch(`${server.url}/${db}/_local/cp-${user}`, { method: 'PUT', headers: h, body: JSON.stringify({ last_seq: 1 }) });
        expect(local.status).toBe(read === 200 ? 201 : 403);
      });
    }
  }

  it('_all_dbs lists only readable databases', async () => {
    const list = async (user: User) => (await (await fetch(`${server.url}/_all_dbs`, { headers: headers(user) })).json()) as string[];
    expect(await list('anna')).toEqual(['reference', 'region-twente']);
    expect(await list('vera')).toEqual(['reference', 'region-twente']);
    expect(await list('bram')).toEqual(['reference', 'region-utrecht']);
    expect(await list('carla')).toEqual(['reference', 'region-twente']);
    expect(await list('admin')).toEqual(['reference', 'region-rijnmond', 'region-twente', 'region-utrecht']);
  });

  it('anonymous requests get 401 on every database route', async () => {
    for (const path of ['_all_dbs', 'region-twente/', 'region-twente/_changes', 'region-twente/_all_docs', 'region-twente/some-doc']) {
      const res = await fetch(`${server.url}/${path}`);
      expect(res.status, path).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
    const bulk = await fetch(`${server.url}/region-twente/_bulk_docs`, { method: 'POST', headers: headers(null), body: '{"docs":[]}' });
    expect(bulk.status).toBe(401);
  });

  it('internal databases are closed to everyone, admins included', async () => {
    for (const user of ['anna', 'admin'] as const) {
      for (const path of ['_regiodesk_users/', '_regiodesk_users/_all_docs', '_regiodesk_users/user:anna', '_regiodesk_config/_changes']) {
        const res = await fetch(`${server.url}/${path}`, { headers: headers(user) });
        expect(res.status, `${user} ${path}`).toBe(403);
        expect(JSON.stringify(await res.json())).not.toContain('passwordHash');
      }
    }
  });

  it('only admins create databases; non-region databases are admin-only', async () => {
    expect((await fetch(`${server.url}/archive`, { method: 'PUT', headers: headers('anna') })).status).toBe(403);
    expect((await fetch(`${server.url}/archive`, { method: 'PUT', headers: headers('admin') })).status).toBe(201);
    expect((await fetch(`${server.url}/archive`, { method: 'PUT', headers: headers('admin') })).status).toBe(412);
    expect((await fetch(`${server.url}/archive/`, { headers: headers('anna') })).status).toBe(403);
    expect((await fetch(`${server.url}/archive/`, { headers: headers('admin') })).status).toBe(200);
    // The reference database (sync-server/reference) is the one non-region database every user reads.
    expect((await fetch(`${server.url}/reference/`, { headers: headers('anna') })).status).toBe(200);
    expect((await fetch(`${server.url}/reference`, { method: 'PUT', headers: headers('admin') })).status).toBe(412);
    expect((await fetch(`${server.url}/region-twente/`, { method: 'PUT', headers: headers('carla') })).status).toBe(403);
  });
});
