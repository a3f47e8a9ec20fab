import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateSchema, fromWire, INTAKE_CONSENT_VERSION } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, type TestServer } from '../testing';
import { main as adminCli } from '../admin/cli';
import { TEST_ADMIN_PASSWORD } from '../testing';
import { allowOrigins, regionDocs, startIntakeTestServer } from './testing';

const good = { firstName: 'Sanne', lastName: 'de Vries', email: 'sanne@example.nl', consent: true, consentVersion: INTAKE_CONSENT_VERSION };

describe('POST /intake/<region>', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startIntakeTestServer({ intake: { perMinute: 8 } });
  });
  afterAll(() => server?.close());

  const post = (body: string, type: string, headers: Record<string, string> = {}, region = 'twente') =>
    fetch(`${server.url}/intake/${region}`, { method: 'POST', headers: { 'Content-Type': type, ...headers }, body });

  it('stores a JSON submission as a new website candidate, durably before answering', async () => {
    const res = await post(JSON.stringify({ ...good, sectors: ['po'], message: '<script>alert(1)</script>' }), 'application/json');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    const docs = (await regionDocs(server.url, 'twente')).filter((d) => d.source === 'website');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ phase: 'nieuw', source: 'website', motivation: '<script>alert(1)</script>', consent: { given: true, version: INTAKE_CONSENT_VERSION } });
    expect(candidateSchema.safeParse(fromWire(docs[0]!)).success).toBe(true);
  });

  it('accepts a form post with repeated checkboxes and answers a browser with a page', async () => {
    const form = `firstName=Jan&lastName=Jansen&sectors=po&sectors=vo&consent=on&consentVersion=v2`;
    const res = await post(form, 'application/x-www-form-urlencoded', { Accept: 'text/html' }, 'utrecht');
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Aanmelding ontvangen');
    const docs = (await regionDocs(server.url, 'utrecht')).filter((d) => d.source === 'website');
    expect(docs[0]).toMatchObject({ firstName: 'Jan', sectors: ['po', 'vo'], regions: ['utrecht'] });
  });

  it('refuses missing consent, unknown regions and foreign origins with a reason', async () => {
    const noConsent = await post(JSON.stringify({ ...good, consent: false }), 'application/json');
    expect(noConsent.status).toBe(400);
    expect(await noConsent.json()).toMatchObject({ error: 'bad_request', errors: { consent: 'consentRequired' } });
    expect((await post(JSON.stringify(good), 'application/json', {}, 'atlantis')).status).toBe(404);
    const foreign = await post(JSON.stringify(good), 'application/json', { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a coordinator allow a website origin, with CORS for it only', async () => {
    expect((await allowOrigins(server.url, 'twente', ['https://school.example'], basicAuth('anna', DEMO_PASSWORD))).status).toBe(403);
    const set = await allowOrigins(server.url, 'twente', ['https://www.twente.example/', 'https://www.twente.example'], basicAuth('carla', DEMO_PASSWORD));
    expect(await set.json()).toEqual({ ok: true, region: 'twente', origins: ['https://www.twente.example'] });
    expect((await allowOrigins(server.url, 'twente', ['javascript:alert(1)'])).status).toBe(400);
    const pre = await fetch(`${server.url}/intake/twente`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.twente.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://www.twente.example');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await post(JSON.stringify(good), 'application/json', { Origin: 'https://www.twente.example' });
    expect(res.status).toBe(201);
    const read = await fetch(`${server.url}/intake/twente/settings`, { headers: { Authorization: basicAuth('vera', DEMO_PASSWORD) } });
    expect(await read.json()).toMatchObject({ origins: ['https://www.twente.example'] });
  });

  it('lets an admin set the origins with the admin CLI', async () => {
    const env = { REGIODESK_URL: server.url, REGIODESK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD };
    expect(await adminCli(['regions', 'intake-origins', 'rijnmond', 'https://www.rijnmond.example'], env)).toBe(0);
    const read = await fetch(`${server.url}/intake/rijnmond/settings`, { headers: { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD) } });
    expect(await read.json()).toMatchObject({ origins: ['https://www.rijnmond.example'] });
    expect(await adminCli(['regions', 'intake-origins', 'rijnmond', 'ftp://x'], env)).toBe(1);
  });

  it('serves the hosted form page with a nonce-only CSP', async () => {
    const res = await fetch(`${server.url}/intake/twente/form`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
    const html = await res.text();
    expect(html).toContain('<label for="rd-firstName">');
    expect(html).toContain(`action="${server.url}/intake/twente"`);
    expect((await fetch(`${server.url}/intake/atlantis/form`)).status).toBe(404);
  });

  it('limits the body size and the submissions per IP', async () => {
    const huge = await post(JSON.stringify({ ...good, message: 'x'.repeat(100_000) }), 'application/json');
    expect(huge.status).toBe(413);
    let last = 0;
    for (let i = 0; i < 10; i++) last = (await post('{}', 'application/json')).status;
    expect(last).toBe(429);
  });
});
