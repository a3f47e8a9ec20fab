import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing';
import { CSP } from './static';

let root: string;
let server: TestServer;
let unbuilt: TestServer;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-web-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Regiodesk</title>');
  await writeFile(path.join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(path.join(root, 'manifest.webmanifest'), '{}');
  await writeFile(path.join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-abc123.css'), 'body{}');
  server = await startTestServer({ webRoot: root });
  unbuilt = await startTestServer({ webRoot: path.join(root, 'missing') });
});
afterAll(async () => {
  await server?.close();
  await unbuilt?.close();
  await rm(root, { recursive: true, force: true });
});

describe('web app at /app/', () => {
  it('serves index.html with the CSP, and falls back to it for client routes', async () => {
    for (const p of ['/app/', '/app/candidates/123']) {
      const res = await fetch(server.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(await res.text()).toContain('Regiodesk');
    }
    expect((await fetch(server.url + '/app', { redirect: 'manual' })).status).toBe(301);
  });

  it('gives content types and cache headers', async () => {
    const check = async (p: string, type: string, cache: string) => {
      const res = await fetch(server.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toBe(type);
      expect(res.headers.get('cache-control'), p).toBe(cache);
    };
    await check('/app/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable');
    await check('/app/assets/index-abc123.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable');
    await check('/app/sw.js', 'text/javascript; charset=utf-8', 'no-cache');
    await check('/app/manifest.webmanifest', 'application/manifest+json', 'no-cache');
    await check('/app/icon.svg', 'image/svg+xml', 'no-cache');
  });

  it('404s missing files with an extension and refuses path traversal', async () => {
    expect((await fetch(server.url + '/app/assets/nope.js')).status).toBe(404);
    expect((await fetch(server.url + '/app/%2e%2e/%2e%2e/etc/passwd')).status).not.toBe(200);
    const res = await fetch(server.url + '/app/..%2F..%2Fpackage.json');
    expect(res.status).not.toBe(200);
  });

  it('answers 503 telling to build when there is no index.html', async () => {
    const res = await fetch(unbuilt.url + '/app/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('keeps GET / as the CouchDB welcome', async () => {
    expect(await (await fetch(server.url + '/')).json()).toMatchObject({ couchdb: 'Welcome', version: '3.3.3', vendor: { name: 'regiodesk' } });
  });
});
