import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRegionDocument, INTAKE_HONEYPOT } from '../../src/shared';
import type { TestServer } from '../testing';
import { regionDocs, startIntakeTestServer } from './testing';

/**
 * Bounded fuzzing of the public intake endpoint over real HTTP: wrong types, huge fields,
 * broken encodings, missing consent, unknown regions, foreign origins, script injection.
 * Every answer must be a 2xx or a 4xx with a reason; the server keeps serving; nothing invalid
 * is stored, and every stored record was acknowledged.
 */
const REQUESTS = 5000;
const PARALLEL = 8;

const injection = fc.constantFrom(
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'; DROP TABLE candidates; --", '{{constructor.constructor("x")()}}',
  '\u0000\u0001', '\ud800', '%00', '../../etc/passwd', 'javascript:alert(1)', 'on', 'true',
);
const text = fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 60 }), injection, fc.constant('x'.repeat(6000)));
const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 2 }));
const key = fc.constantFrom('firstName', 'lastName', 'email', 'phone', 'postcode', 'place', 'sectors', 'functions', 'subjects', 'message', 'consent', 'consentVersion', INTAKE_HONEYPOT, '__proto__', 'constructor', 'type', 'phase', '_id');
const base = fc.constantFrom<Record<string, unknown>>(
  {},
  { firstName: 'Eva', lastName: 'Smit', consent: 'on', consentVersion: 'v1' },
  { firstName: 'Eva', lastName: 'Smit', email: 'eva@example.nl', sectors: ['po'], consent: true, consentVersion: 'v1' },
);
const fields = fc.tuple(base, fc.dictionary(key, value, { maxKeys: 5 })).map(([b, extra]) => ({ ...b, ...extra }));

function formOf(obj: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) for (const item of Array.isArray(v) ? v : [v]) p.append(k, typeof item === 'string' ? item : JSON.stringify(item));
  return p.toString();
}

const nearlyGood = fc
  .tuple(base.filter((b) => 'consent' in b), fc.option(fc.tuple(key, fc.oneof(text, fc.constantFrom('po', 'vo,mbo', 'Docent', '7511 AB', '+31 6 12345678'))), { nil: undefined }))
  .map(([b, kv]) => (kv ? { ...b, [kv[0]]: kv[1] } : b));

const body = fc.oneof(
  { weight: 3, arbitrary: nearlyGood.map((f) => ({ kind: 'json' as const, fields: f, bytes: Buffer.from(JSON.stringify(f)) })) },
  { weight: 3, arbitrary: nearlyGood.map((f) => ({ kind: 'form' as const, fields: f, bytes: Buffer.from(formOf(f)) })) },
  { weight: 4, arbitrary: fields.map((f) => ({ kind: 'json' as const, fields: f, bytes: Buffer.from(JSON.stringify(f)) })) },
  { weight: 4, arbitrary: fields.map((f) => ({ kind: 'form' as const, fields: f, bytes: Buffer.from(formOf(f)) })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => ({ kind: 'raw' as const, fields: {}, bytes: Buffer.from(b) })) },
  { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 200_000 }).map((n) => ({ kind: 'huge' as const, fields: {}, bytes: Buffer.alloc(n, 0x61) })) },
  { weight: 1, arbitrary: fc.constantFrom('{', '[]', 'null', '"x"', '{"firstName":"\\ud800"}', '\xff\xfe{').map((s) => ({ kind: 'broken' as const, fields: {}, bytes: Buffer.from(s, 'latin1') })) },
);

const request = fc.record({
  region: fc.constantFrom('twente', 'twente', 'twente', 'utrecht', 'atlantis', 'TWENTE', 'x'.repeat(60), '%zz', '..', 'region-twente', '_users'),
  method: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'PUT', 'GET', 'OPTIONS'),
  type: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', ''),
  origin: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1:1') }),
  body,
});

describe('intake fuzzing', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startIntakeTestServer({ intake: { perMinute: 1_000_000 } });
  });
  afterAll(() => server?.close());

  it(`answers ${REQUESTS} generated requests with 2xx/4xx and a reason, and stores only valid records`, async () => {
    const cases = fc.sample(request, { numRuns: REQUESTS, seed: 7 });
    let created = 0;
    let createdWithHoneypotKey = 0;
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        let status = 0;
        let answer = '';
        try {
          const res = await fetch(`${server.url}/intake/${c.region}`, {
            method: c.method,
            headers: { ...(c.type ? { 'Content-Type': c.type } : {}), ...(c.origin ? { Origin: c.origin } : {}) },
            ...(c.method === 'GET' || c.method === 'OPTIONS' ? {} : { body: new Uint8Array(c.body.bytes) }),
          });
          status = res.status;
          answer = await res.text();
        } catch (err) {
          // A 413 closes the connection before the whole body is sent: the client may see a reset.
          if (c.body.kind === 'huge') continue;
          failures.push(`${c.method} ${c.region} ${c.body.kind}: ${String(err)}`);
          continue;
        }
        if (status >= 500 || status < 200) failures.push(`${c.method} ${c.region} ${c.body.kind}: ${status} ${answer.slice(0, 200)}`);
        else if (status >= 400 && c.method !== 'OPTIONS' && !/"reason":"[^"]+/.test(answer)) failures.push(`${status} without reason: ${answer.slice(0, 200)}`);
        if (status === 201) {
          created++;
          if (INTAKE_HONEYPOT in c.body.fields) createdWithHoneypotKey++;
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(failures.slice(0, 10)).toEqual([]);

    // Still serving, and everything stored is a valid candidate of its region that was acknowledged.
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    let stored = 0;
    for (const region of ['twente', 'utrecht']) {
      const docs = (await regionDocs(server.url, region)).filter((d) => d.source === 'website');
      for (const d of docs) expect(checkRegionDocument(region, d)).toMatchObject({ ok: true });
      stored += docs.length;
    }
    expect(stored).toBeLessThanOrEqual(created);
    expect(stored).toBeGreaterThanOrEqual(created - createdWithHoneypotKey);
    expect(created).toBeGreaterThan(40);
  }, 120_000);
});
