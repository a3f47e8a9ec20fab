// @vitest-environment node
/**
 * The built renderer as the desktop app serves it: index.html through the real app:// handler
 * with the production CSP. The policy is a response header (a <meta> cannot carry
 * frame-ancestors, and the header covers every asset); this checks that the built page needs
 * nothing the policy forbids, so the strict `script-src 'self'` never has to be relaxed.
 * `npm test` builds before testing; REGIODESK_WEB_ROOT points at a private build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler } from './protocol';
import { buildContentSecurityPolicy } from './security';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

const root = path.resolve(__dirname, '..', '..');
const rendererDir = process.env.REGIODESK_WEB_ROOT || path.join(root, 'dist', 'renderer');
const built = existsSync(path.join(rendererDir, 'index.html'));

describe.skipIf(!built)(`built renderer (${rendererDir})`, () => {
  const policy = buildContentSecurityPolicy({ devServer: false });
  const handler = createAppProtocolHandler({ rootDir: rendererDir, contentSecurityPolicy: policy });

  it('is served with the strict CSP and nosniff', async () => {
    const response = await handler(new Request('app://regiodesk/index.html'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('has no inline script, inline handler or javascript: URL, and loads scripts from its own origin', async () => {
    const html = await (await handler(new Request('app://regiodesk/index.html'))).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(body.trim(), 'inline script body').toBe('');
      const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1] ?? '';
      expect(src, 'script src').toMatch(/^\.?\/(?!\/)/);
      // Every referenced script exists and is served by our handler.
      const asset = await handler(new Request(new URL(src, 'app://regiodesk/index.html').href));
      expect(asset.status, src).toBe(200);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    // The build also writes a <meta> policy (vite.config.ts) for web mode; it must be as strict.
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/i.exec(html)?.[1]?.replaceAll('&#39;', "'");
    expect(meta).toBeDefined();
    expect(meta).toContain("script-src 'self';");
    expect(meta).toContain("object-src 'none'");
    expect(meta).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(html).not.toMatch(/javascript:/i);
  });
});
