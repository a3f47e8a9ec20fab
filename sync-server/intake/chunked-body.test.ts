import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CONSENT_VERSION } from '../../src/shared';
import type { TestServer } from '../testing';
import { regionDocs, startIntakeTestServer } from './testing';

/** A POST whose body is sent in the given chunks without Content-Length (chunked), as a streaming client would. */
function chunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const next = (i: number): void => {
      if (i === chunks.length) return void req.end();
      req.write(chunks[i], () => setImmediate(() => next(i + 1)));
    };
    next(0);
  });
}

describe('reading a submission body in chunks (http/body.ts readBody)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startIntakeTestServer({ intake: { perMinute: 1000 } });
  });
  afterAll(() => server?.close());

  it('puts together a body that arrives in several chunks', async () => {
    const text = JSON.stringify({ firstName: 'Chunk', lastName: 'Gesplitst', consent: true, consentVersion: INTAKE_CONSENT_VERSION });
    const res = await chunked(`${server.url}/intake/twente`, [text.slice(0, 7), text.slice(7, 30), text.slice(30)]);
    expect(res.status).toBe(201);
    expect((await regionDocs(server.url, 'twente')).filter((d) => d.firstName === 'Chunk')).toHaveLength(1);
  });

  it('answers 413 with a reason to a chunked body over the limit, stores nothing and keeps serving', async () => {
    const big = JSON.stringify({ firstName: 'Groot', lastName: 'Bericht', consent: true, consentVersion: INTAKE_CONSENT_VERSION, message: 'x'.repeat(80_000) });
    const chunks = Array.from({ length: Math.ceil(big.length / 8192) }, (_, i) => big.slice(i * 8192, (i + 1) * 8192));
    const res = await chunked(`${server.url}/intake/twente`, chunks).catch((e: NodeJS.ErrnoException) => ({ status: 0, body: String(e.code) }));
    // The server may close the connection before the client has sent everything: either way no 2xx or 5xx.
    if (res.status !== 0) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: expect.any(String), reason: expect.any(String) });
    }
    expect((await regionDocs(server.url, 'twente')).filter((d) => d.firstName === 'Groot')).toHaveLength(0);
    const after = await chunked(`${server.url}/intake/twente`, [JSON.stringify({ firstName: 'Daarna', lastName: 'Gewoon', consent: true, consentVersion: INTAKE_CONSENT_VERSION })]);
    expect(after.status).toBe(201);
  });
});
