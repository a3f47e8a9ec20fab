import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDefaults } from '../config';
import { candidateDoc } from '../fanout/fixtures';
import { startServer } from '../server';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { errorFields, logJson } from './log';

const NAME = 'Gerbrechtje Logtest';
let server: TestServer;
const logged: string[] = [];
const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

beforeAll(async () => {
  // Everything the server prints during this file, to look for personal data in it.
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (logged.push(String(chunk)), (writes.out as any)(chunk, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (logged.push(String(chunk)), (writes.err as any)(chunk, ...rest))) as typeof process.stderr.write;
  server = await startTestServer({ demo: true, demoSize: 2 });
}, 60_000);
afterAll(async () => {
  await server?.close();
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
});

async function login(name = 'anna'): Promise<string> {
  const res = await fetch(`${server.url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: 'regiodesk' }) });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('security headers', () => {
  it('on API answers and the web app, but not the embeddable intake form', async () => {
    const api = await fetch(`${server.url}/_session`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const app = await fetch(`${server.url}/app/`);
    expect(app.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(app.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(app.headers.get('referrer-policy')).toBe('no-referrer');
    expect(app.headers.get('x-frame-options')).toBe('DENY');
    const form = await fetch(`${server.url}/intake/twente/form`);
    expect(form.headers.get('content-security-policy') ?? '').not.toContain("frame-ancestors 'none'");
    expect(form.headers.get('x-frame-options')).toBeNull();
  });

  it('answers errors as {error, reason} without a stack', async () => {
    const res = await fetch(`${server.url}/region-twente/_bulk_docs`, { method: 'POST', headers: { authorization: basicAuth('anna', 'regiodesk'), 'content-type': 'application/json' }, body: '{"docs": [' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(['error', 'reason']);
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('a client that hangs up mid-request', () => {
  it('is logged as client_aborted (info), not as an unexpected server error', async () => {
    const before = logged.length;
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Half of a declared body, then the socket is gone: the server's body read fails with ECONNRESET.
    socket.write(`POST /region-twente/_bulk_docs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${basicAuth('anna', 'regiodesk')}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"docs": [`);
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    const since = () => logged.slice(before).join('');
    for (let i = 0; i < 200 && !since().includes('client_aborted'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(since()).toContain('"event":"client_aborted"');
    expect(since()).not.toContain('unexpected_error');
    expect((await fetch(`${server.url}/_up`)).status).toBe(200); // and the server carries on
  });
});

describe('session cookie and CSRF', () => {
  it('sets an HttpOnly SameSite cookie without Secure over plain HTTP', async () => {
    const res = await fetch(`${server.url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'anna', password: 'regiodesk' }) });
    const c = res.headers.get('set-cookie')!;
    expect(c).toContain('HttpOnly');
    expect(c).toContain('SameSite=Lax');
    expect(c).not.toContain('Secure');
  });

  it('refuses a cookie-authenticated write from another site; same origin, no origin and Basic auth keep working', async () => {
    const cookie = await login();
    const write = (headers: Record<string, string>, id: string) =>
      fetch(`${server.url}/region-twente/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ docs: [candidateDoc(id, ['twente'])] }) });
    const evil = await write({ cookie, origin: 'https://evil.example' }, 'csrf1');
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: 'forbidden' });
    expect((await write({ cookie, referer: 'https://evil.example/page' }, 'csrf2')).status).toBe(403);
    expect((await write({ cookie, 'sec-fetch-site': 'cross-site' }, 'csrf3')).status).toBe(403);
    expect((await fetch(`${server.url}/region-twente/csrf1`, { headers: { authorization: basicAuth('anna', 'regiodesk') } })).status).toBe(404);
    expect((await write({ cookie, origin: server.url }, 'csrf4')).status).toBe(201);
    expect((await write({ cookie, origin: 'app://regiodesk' }, 'csrf5')).status).toBe(201);
    expect((await write({ cookie }, 'csrf6')).status).toBe(201);
    expect((await write({ authorization: basicAuth('anna', 'regiodesk'), origin: 'https://evil.example' }, 'csrf7')).status).toBe(201);
    // Reading with the cookie from anywhere is not a state change (CORS decides what a page may read).
    expect((await fetch(`${server.url}/_session`, { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(200);
  });
});

describe('logs', () => {
  it('hold no error messages (they may quote personal data), only where it happened', () => {
    const line = JSON.stringify(errorFields(new TypeError(`invalid e-mail for ${NAME}`)));
    expect(line).not.toContain(NAME);
    expect(line).toContain('TypeError');
  });

  it('of a whole run with a person in it contain nothing of her', async () => {
    const admin = basicAuth('admin', TEST_ADMIN_PASSWORD);
    const person = { ...candidateDoc('logp', ['twente']), lastName: NAME };
    await fetch(`${server.url}/region-twente/_bulk_docs`, { method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify({ docs: [person, { ...person, _id: 'logq', email: NAME }] }) });
    await fetch(`${server.url}/region-twente/_find?name=${encodeURIComponent(NAME)}`, { headers: { authorization: admin } });
    await fetch(`${server.url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: NAME, password: NAME }) });
    logJson('info', 'test_marker', { path: '/x' });
    expect(logged.join('')).toContain('test_marker');
    expect(logged.join('')).not.toContain(NAME);
    expect(logged.join('')).not.toContain('Gerbrechtje');
  });
});

describe('TLS', () => {
  it('serves HTTPS with the configured certificate and marks the cookie Secure', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    // A self-signed certificate made now (openssl is on our machines; the README says how to use a real one).
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const tlsServer = await startServer(withDefaults({ dataDir: path.join(dir, 'data'), host: '127.0.0.1', port: 0, adminPassword: TEST_ADMIN_PASSWORD, tls: { cert, key } }));
    try {
      expect(tlsServer.url).toMatch(/^https:\/\//);
      const answer = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = request(`${tlsServer.url}/_session`, { method: 'POST', ca: readFileSync(cert), headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ name: 'admin', password: TEST_ADMIN_PASSWORD }));
      });
      expect(answer.status).toBe(200);
      expect(String(answer.headers['set-cookie'])).toContain('Secure');
      expect(answer.headers['strict-transport-security']).toBeDefined();
      // Plain HTTP to the TLS port gets no answer of ours.
      await expect(fetch(tlsServer.url.replace('https:', 'http:') + '/_session').then((r) => r.status)).rejects.toThrow();
    } finally {
      await tlsServer.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
