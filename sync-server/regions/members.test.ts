import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

let server: TestServer;
const get = async (who: string, path: string, password = 'regiodesk') => {
  const res = await fetch(server.url + path, { headers: who ? { authorization: basicAuth(who, password) } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 1 });
});
afterAll(() => server?.close());

describe('GET /_regiodesk/regions/<code>/members', () => {
  it("lists a region's colleagues with their role only, for members of the region", async () => {
    const r = await get('anna', '/_regiodesk/regions/twente/members');
    expect(r.status).toBe(200);
    expect(r.body.members).toEqual([
      { name: 'anna', role: 'editor' },
      { name: 'carla', role: 'supervisor' },
      { name: 'daan', role: 'editor' },
      { name: 'vera', role: 'viewer' },
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/passwordHash|scrypt/);
  });

  it('refuses other regions, strangers and bad codes with a CouchDB-style error', async () => {
    expect(await get('anna', '/_regiodesk/regions/utrecht/members')).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await get('', '/_regiodesk/regions/twente/members')).status).toBe(401);
    expect(await get('anna', '/_regiodesk/regions/TW%20ENTE/members')).toMatchObject({ status: 400, body: { error: 'bad_request' } });
  });

  it('leaves out a disabled colleague', async () => {
    const res = await fetch(`${server.url}/_regiodesk/admin/users/vera`, {
      method: 'PATCH',
      headers: { authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBeLessThan(300);
    const r = await get('carla', '/_regiodesk/regions/twente/members');
    expect((r.body.members as { name: string }[]).map((m) => m.name)).toEqual(['anna', 'carla', 'daan']);
  });
});
