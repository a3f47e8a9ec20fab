import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const linux = path.join(server.dataDir, 'updates', 'linux');
  await mkdir(linux, { recursive: true });
  await writeFile(path.join(linux, 'latest-linux.yml'), 'version: 0.2.0\npath: Regiodesk-0.2.0.AppImage\n');
  await writeFile(path.join(linux, 'Regiodesk-0.2.0.AppImage'), 'binary');
  await writeFile(path.join(linux, 'notes.txt'), 'not an update file');
  await writeFile(path.join(server.dataDir, 'updates', 'secret.yml'), 'outside a platform folder');
});

afterAll(async () => {
  await server?.close();
});

describe('/updates/ (electron-updater generic feed)', () => {
  it('serves the feed and installers without login', async () => {
    const feed = await fetch(`${server.url}/updates/linux/latest-linux.yml`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('cache-control')).toBe('no-cache');
    expect(await feed.text()).toContain('version: 0.2.0');
    const installer = await fetch(`${server.url}/updates/linux/Regiodesk-0.2.0.AppImage`);
    expect(installer.status).toBe(200);
    expect(await installer.text()).toBe('binary');
  });

  it('serves nothing else: other kinds, other folders, traversal, writes', async () => {
    for (const p of ['/updates/linux/notes.txt', '/updates/secret.yml', '/updates/linux/', '/updates/linux/..%2F..%2Fsession-secret', '/updates/mac/latest-mac.yml', '/updates/other/latest.yml']) {
      const res = await fetch(server.url + p);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
    }
    const put = await fetch(`${server.url}/updates/linux/latest-linux.yml`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect(await put.json()).toMatchObject({ error: 'method_not_allowed' });
  });
});
