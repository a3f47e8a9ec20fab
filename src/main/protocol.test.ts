// @vitest-environment node
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeElectron } from './electron.fake';
import { createAppProtocolHandler, registerAppProtocol, registerAppScheme, resolveAppFile } from './protocol';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

const CSP = "default-src 'self'";
let workDir: string;
let rootDir: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'regiodesk-protocol-'));
  rootDir = path.join(workDir, 'renderer');
  await mkdir(path.join(rootDir, 'assets'), { recursive: true });
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html><title>Regiodesk</title>');
  await writeFile(path.join(rootDir, 'assets', 'app.js'), 'console.log(1)');
  // A file right next to the renderer folder: what a traversal would try to reach.
  await writeFile(path.join(workDir, 'secret.txt'), 'TOP SECRET');
  await writeFile(path.join(workDir, 'renderer-evil.txt'), 'SIBLING');
  handler = createAppProtocolHandler({ rootDir, contentSecurityPolicy: CSP });
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves index.html for the root and by name, with CSP and content type', async () => {
    for (const url of ['app://regiodesk/', 'app://regiodesk/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Regiodesk</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves nested assets with their content type', async () => {
    const response = await get('app://regiodesk/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([
    'app://regiodesk/../../etc/passwd',
    'app://regiodesk/../secret.txt',
    'app://regiodesk/..%2fsecret.txt',
    'app://regiodesk/%2e%2e%2fsecret.txt',
    'app://regiodesk/assets/..%2f..%2fsecret.txt',
    'app://regiodesk/..%5csecret.txt',
    'app://regiodesk/%2e%2e%5c%2e%2e%5csecret.txt',
    'app://regiodesk/..%2frenderer-evil.txt',
    'app://regiodesk/index.html%00.png',
    'app://regiodesk/%E0%A4%A',
  ])('refuses %s with 404 and never leaks the file', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('TOP SECRET');
    expect(body).not.toContain('SIBLING');
  });

  it('refuses other hosts, missing files and directories', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://regiodesk/missing.js')).status).toBe(404);
    expect((await get('app://regiodesk/assets')).status).toBe(404);
    expect((await get('app://regiodesk/assets/')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await get('app://regiodesk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://regiodesk/index.html', 'POST')).status).toBe(405);
  });
});

describe('resolveAppFile', () => {
  it('keeps every resolved path strictly inside the root', () => {
    expect(resolveAppFile(rootDir, 'app://regiodesk/assets/app.js')).toBe(path.join(rootDir, 'assets', 'app.js'));
    expect(resolveAppFile(rootDir, 'app://regiodesk/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(rootDir, 'app://regiodesk/%2Fetc%2Fpasswd')).toBe(path.join(rootDir, 'etc', 'passwd'));
    expect(resolveAppFile(rootDir, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(rootDir, 'https://regiodesk/index.html')).toBeNull();
  });
});

describe('registration', () => {
  it('registers app:// as a standard secure scheme without CSP bypass', async () => {
    const electron = await fakeElectron();
    registerAppScheme();
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0] as [Array<Record<string, any>>];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(schemes[0]?.privileges.bypassCSP).not.toBe(true);
    expect(schemes[0]?.privileges.allowServiceWorkers).not.toBe(true);
  });

  it('handles the app scheme with a working handler', async () => {
    const electron = await fakeElectron();
    registerAppProtocol({ rootDir, contentSecurityPolicy: CSP });
    const [scheme, registered] = electron.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    expect((await registered(new Request('app://regiodesk/'))).status).toBe(200);
    expect((await registered(new Request('app://regiodesk/..%2fsecret.txt'))).status).toBe(404);
  });
});
