import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegiodeskBridge } from '../../shared/bridge';
import { startTestServer, type TestServer } from '../../../sync-server/testing';
import { call } from '../features/privacy/api';
import { forgetCredentials } from '../platform/bridge';
import { serverFetch } from './serverFetch';

// The renderer's calls to the server outside the replication, in Node against the real server
// (no cookie jar here, as on the desktop after a restart): the desktop bridge's stored
// credentials are what authenticates them.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3 });
}, 60_000);
afterAll(() => server?.close());
afterEach(() => {
  vi.unstubAllGlobals();
  forgetCredentials(server.url);
});

/** A desktop bridge as the preload exposes it, holding `stored` for the test server. */
function desktopWith(stored: { user: string; password: string } | null): void {
  const bridge: Pick<RegiodeskBridge, 'platform' | 'credentials'> = {
    platform: 'desktop',
    credentials: {
      save: async () => undefined,
      load: async (s) => (s === server.url ? stored : null),
      clear: async () => undefined,
    },
  };
  vi.stubGlobal('window', { regiodesk: bridge });
}

describe('serverFetch', () => {
  it('on the desktop, a privacy call (the region audit log) succeeds with the bridge credentials and no cookie', async () => {
    desktopWith({ user: 'carla', password: 'regiodesk' });
    const res = await call<{ entries: unknown[] }>(server.url, '/_regiodesk/audit/twente?limit=5');
    expect(res).toMatchObject({ ok: true });
    if (res.ok) expect(Array.isArray(res.value.entries)).toBe(true);
  });

  it('on the desktop, a write from the app:// page (audit of an export) passes: Basic needs no CSRF check', async () => {
    desktopWith({ user: 'anna', password: 'regiodesk' });
    const res = await serverFetch(server.url)(`${server.url}/_regiodesk/audit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'app://regiodesk' },
      body: JSON.stringify({ region: 'twente', action: 'exported', what: 'candidates csv 1 rows' }),
    });
    expect(res.status).toBeLessThan(300);
  });

  it('without a cookie or stored credentials the same call gets 401, with the server reason', async () => {
    const web = await call(server.url, '/_regiodesk/audit/twente?limit=5');
    expect(web).toMatchObject({ ok: false, offline: false, status: 401 });
    desktopWith(null);
    const none = await call(server.url, '/_regiodesk/audit/twente?limit=5');
    expect(none).toMatchObject({ ok: false, offline: false, status: 401, reason: expect.any(String) });
  });

  it('wrong stored credentials are refused too (the header really is what the server checks)', async () => {
    desktopWith({ user: 'carla', password: 'not-her-password' });
    const res = await serverFetch(server.url)(`${server.url}/_regiodesk/audit/twente?limit=5`);
    expect(res.status).toBe(401);
  });
});
