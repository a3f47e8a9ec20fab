import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 2, loginAttemptsPerMinute: 3 });
});
afterAll(() => server?.close());

const login = (name: string, password: string, form = false) =>
  fetch(`${server.url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams({ name, password }).toString() : JSON.stringify({ name, password }),
  });

function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

describe('sessions', () => {
  it('logs in with a cookie and describes the session', async () => {
    const res = await login('daan', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, name: 'daan', roles: ['editor:twente', 'editor:utrecht'] });
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^AuthSession=[^;]+;/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Lax');
    expect(set).toContain('Path=/');

    const session = await fetch(`${server.url}/_session`, { headers: { Cookie: cookieOf(res) } });
    expect(await session.json()).toEqual({
      ok: true,
      userCtx: { name: 'daan', roles: ['editor:twente', 'editor:utrecht'] },
      info: { authentication_handlers: ['cookie', 'default'], authenticated: 'cookie' },
      regiodesk: {
        admin: false,
        memberships: [
          { region: 'twente', role: 'editor' },
          { region: 'utrecht', role: 'editor' },
        ],
        regions: [
          { code: 'twente', name: 'Twente' },
          { code: 'utrecht', name: 'Utrecht' },
        ],
      },
    });
    // The cookie opens the databases too.
    expect((await fetch(`${server.url}/region-utrecht/`, { headers: { Cookie: cookieOf(res) } })).status).toBe(200);
  });

  it('accepts a form-encoded login', async () => {
    const res = await login('vera', DEMO_PASSWORD, true);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, name: 'vera', roles: ['viewer:twente'] });
  });

  it('anonymous session has a null name', async () => {
    const body = await (await fetch(`${server.url}/_session`)).json();
    expect(body.userCtx).toEqual({ name: null, roles: [] });
    expect(body.regiodesk).toEqual({ admin: false, memberships: [], regions: [] });
  });

  it('refuses a wrong password with 401, and a forged cookie is anonymous', async () => {
    const res = await login('anna', 'wrong');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized', reason: 'Name or password is incorrect.' });
    const forged = Buffer.from(`admin:ffffffffff:${'A'.repeat(43)}`).toString('base64url');
    const s = await (await fetch(`${server.url}/_session`, { headers: { Cookie: `AuthSession=${forged}` } })).json();
    expect(s.userCtx.name).toBeNull();
  });

  it('DELETE /_session clears the cookie', async () => {
    const res = await fetch(`${server.url}/_session`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^AuthSession=;.*Max-Age=0/);
  });

  it('basic auth works on every route and reports itself', async () => {
    const h = { Authorization: basicAuth('carla', DEMO_PASSWORD) };
    const s = await (await fetch(`${server.url}/_session`, { headers: h })).json();
    expect(s.info.authenticated).toBe('basic');
    expect(s.regiodesk.memberships).toEqual([{ region: 'twente', role: 'supervisor' }]);
    expect((await fetch(`${server.url}/region-twente/_changes`, { headers: h })).status).toBe(200);
    const bad = await fetch(`${server.url}/region-twente/`, { headers: { Authorization: basicAuth('carla', 'nope') } });
    expect(bad.status).toBe(401);
  });

  it('rate-limits failed logins per user and IP with 429', async () => {
    for (let i = 0; i < 3; i++) expect((await login('bram', 'wrong')).status).toBe(401);
    const blocked = await login('bram', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await blocked.json()).toMatchObject({ error: 'too_many_requests', reason: expect.stringContaining('Try again') });
    // Basic auth counts against the same limit; other users are not affected.
    expect((await fetch(`${server.url}/_all_dbs`, { headers: { Authorization: basicAuth('bram', DEMO_PASSWORD) } })).status).toBe(429);
    expect((await login('daan', DEMO_PASSWORD)).status).toBe(200);
  });

  it('never stores or shows plain passwords', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const dir = path.join(server.dataDir, '_regiodesk_users');
    let all = '';
    for (const f of await readdir(dir)) all += (await readFile(path.join(dir, f))).toString('latin1');
    expect(all).toContain('scrypt$');
    expect(all).not.toContain(DEMO_PASSWORD);
  });
});
