import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CONSENT_VERSION, newVacancy, type Vacancy } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, type TestServer } from '../testing';
import { allowOrigins, regionDocs } from '../intake/testing';

const ANNA = basicAuth('anna', DEMO_PASSWORD);
const now = '2026-11-25T10:00:00.000Z';

function vacancy(id: string, patch: Partial<Vacancy>): Vacancy {
  return newVacancy(
    {
      title: 'Docent wiskunde', organisationId: 'org-lyceum', organisationName: 'Het Twents Lyceum', function: 'docent', sector: 'vo', subjects: ['wiskunde'],
      routes: ['zij_instroom'], place: 'Enschede', postcode: '7511 AB', contactName: 'Henk Hofstede', contactEmail: 'h.hofstede@lyceum.example', contactPhone: '053 123 4567',
      public: true, status: 'open', ...patch,
    },
    { id, region: 'twente', user: 'anna', now },
  );
}

async function put(url: string, v: Record<string, unknown>): Promise<Response> {
  const { id, ...body } = v;
  return fetch(`${url}/region-twente/${String(id)}`, { method: 'PUT', headers: { Authorization: ANNA, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe('public vacancy list /vacatures/<region>', () => {
  let server: TestServer;
  let candidateNames: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoSize: 5 });
    const writes = [
      vacancy('vac-public1', { title: 'Docent wiskunde', description: 'Een mooie baan in Enschede.' }),
      vacancy('vac-hidden1', { title: 'Geheime vacature', public: false }),
      vacancy('vac-filled1', { title: 'Al vervulde vacature', status: 'filled' }),
      vacancy('vac-closed1', { title: 'Verlopen vacature', closingDate: '2020-01-01' }),
      vacancy('vac-public2', { title: 'Onderwijsassistent', function: 'onderwijsassistent', sector: 'po', subjects: [], closingDate: '2099-01-01' }),
    ];
    for (const v of writes) expect((await put(server.url, v as unknown as Record<string, unknown>)).status).toBe(201);
    candidateNames = (await regionDocs(server.url, 'twente')).filter((d) => d.type === 'candidate').map((d) => String(d.lastName));
    expect(candidateNames.length).toBeGreaterThan(0);
  });
  afterAll(() => server?.close());

  it('the server refuses an invalid vacancy with a reason, like every other kind', async () => {
    const res = await put(server.url, { ...vacancy('vac-bad001', {}), sector: 'kleuterschool', contactEmail: 'geen-mail' } as unknown as Record<string, unknown>);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toMatchObject({ error: expect.any(String), reason: expect.stringMatching(/sector|contactEmail/) });
  });

  it('JSON: only public open vacancies, without contact persons or candidates', async () => {
    const res = await fetch(`${server.url}/vacatures/twente.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { name: string; vacancies: { id: string; organisation: string }[] };
    expect(body.vacancies.map((v) => v.id).sort()).toEqual(['vac-public1', 'vac-public2']);
    expect(body.vacancies[0]!.organisation).toBe('Het Twents Lyceum');
    for (const secret of ['Hofstede', 'lyceum.example', '053 123', 'Geheime', 'vervulde', 'Verlopen', ...candidateNames]) expect(text).not.toContain(secret);
  });

  it('HTML: a Dutch page with an "Interesse" link per vacancy, embeddable, no personal data', async () => {
    const res = await fetch(`${server.url}/vacatures/twente`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Docent wiskunde');
    expect(html).toContain('Zij-instroom');
    expect(html).toContain('/vacatures/twente/vac-public1/interesse');
    for (const secret of ['Hofstede', 'lyceum.example', 'Geheime', ...candidateNames]) expect(html).not.toContain(secret);
    const embed = await (await fetch(`${server.url}/vacatures/twente?embed=1`)).text();
    expect(embed).toContain('<base target="_top">');
  });

  it('"Interesse" opens the region\'s intake form with the vacancy in the motivation, and the submission carries it', async () => {
    const res = await fetch(`${server.url}/vacatures/twente/vac-public1/interesse`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('action="http://127.0.0.1');
    expect(html).toMatch(/<textarea id="rd-message"[^>]*>Interesse in vacature: Docent wiskunde bij Het Twents Lyceum \(vac-public1\)/);
    expect((await fetch(`${server.url}/vacatures/twente/vac-hidden1/interesse`)).status).toBe(404);
    const post = await fetch(`${server.url}/intake/twente`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Iris', lastName: 'Interesse', consent: true, consentVersion: INTAKE_CONSENT_VERSION, message: 'Interesse in vacature: Docent wiskunde bij Het Twents Lyceum (vac-public1)' }),
    });
    expect(post.status).toBe(201);
    const iris = (await regionDocs(server.url, 'twente')).find((d) => d.lastName === 'Interesse');
    expect(String(iris?.motivation)).toContain('vac-public1');
  });

  it('JSON answers CORS only to the websites allowed in the region\'s intake settings', async () => {
    const foreign = await fetch(`${server.url}/vacatures/twente.json`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect((await allowOrigins(server.url, 'twente', ['https://www.twente.example'], basicAuth('carla', DEMO_PASSWORD))).status).toBe(200);
    const allowed = await fetch(`${server.url}/vacatures/twente.json`, { headers: { Origin: 'https://www.twente.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.twente.example');
  });

  it('answers unknown regions and paths with 404 {error, reason}', async () => {
    const res = await fetch(`${server.url}/vacatures/atlantis.json`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found', reason: expect.any(String) });
    expect((await fetch(`${server.url}/vacatures/twente`, { method: 'POST' })).status).toBe(405);
  });
});
