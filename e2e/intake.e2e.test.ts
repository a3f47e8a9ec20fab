import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeSnippet } from '../src/shared';
import { allowOrigins, regionDocs, startIntakeTestServer } from '../sync-server/intake/testing';
import type { TestServer } from '../sync-server/testing';
import { launchBrowser, type TestBrowser } from './support/browser';

/** A stand-in for a desk's website: one page with the snippet pasted in. */
async function website(html: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Regioloket</title></head><body><h1>Aanmelden</h1>${html}</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The embeddable form on another origin: allowed by the region's settings it works, else refused. */
describe('website form from another origin', () => {
  let api: TestServer;
  let browser: TestBrowser;
  let allowed: Awaited<ReturnType<typeof website>>;
  let foreign: Awaited<ReturnType<typeof website>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    api = await startIntakeTestServer({ intake: { perMinute: 100 } });
    const snippet = intakeSnippet({ server: api.url, region: 'twente', regionName: 'Twente' });
    allowed = await website(snippet);
    foreign = await website(snippet);
    expect((await allowOrigins(api.url, 'twente', [allowed.origin])).status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    allowed?.server.close();
    foreign?.server.close();
  });

  async function submit(origin: string, lastName: string, consent = true) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(origin);
    await page.getByLabel('Voornaam (verplicht)').fill('Noor');
    await page.getByLabel('Achternaam (verplicht)').fill(lastName);
    await page.getByLabel('E-mail').fill('noor@example.nl');
    await page.getByLabel('Primair onderwijs').check();
    if (consent) await page.getByLabel(/toestemming/).check();
    await page.getByRole('button', { name: 'Versturen' }).click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).not.toMatch(/^$|Bezig/);
    const result = { status: (await status.textContent()) ?? '', consentInvalid: await page.getByLabel(/toestemming/).getAttribute('aria-invalid') };
    await ctx.close();
    return result;
  }

  it('stores a submission from an allowed website and confirms it', async () => {
    const r = await submit(allowed.origin, 'Toegestaan');
    expect(r.status).toContain('Bedankt');
    const docs = (await regionDocs(api.url, 'twente')).filter((d) => d.lastName === 'Toegestaan');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ source: 'website', phase: 'nieuw', sectors: ['po'], consent: { given: true } });
  });

  it('shows the missing consent next to the checkbox', async () => {
    const r = await submit(allowed.origin, 'Zondertoestemming', false);
    expect(r.status).toContain('Controleer');
    expect(r.consentInvalid).toBe('true');
    expect((await regionDocs(api.url, 'twente')).some((d) => d.lastName === 'Zondertoestemming')).toBe(false);
  });

  it('refuses a website that is not allowed, and stores nothing', async () => {
    const r = await submit(foreign.origin, 'Geweigerd');
    expect(r.status).toContain('niet gelukt');
    expect((await regionDocs(api.url, 'twente')).some((d) => d.lastName === 'Geweigerd')).toBe(false);
  });
});
