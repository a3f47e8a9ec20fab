// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { createFakeSession, fakeElectron, FakeWebContents } from './electron.fake';
import {
  buildContentSecurityPolicy,
  denyAllPermissions,
  hardenWebContents,
  installContentSecurityPolicy,
} from './security';
import { APP_ORIGIN } from './urls';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values.join(' ')];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('is strict by default', () => {
    const csp = directives(buildContentSecurityPolicy());
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('connect-src')).toBe("'self' http: https:");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(buildContentSecurityPolicy()).not.toMatch(/unsafe-eval|\*/);
  });

  it('accepts a narrower connect-src', () => {
    const csp = directives(buildContentSecurityPolicy({ connectSources: ['https://sync.regio.nl'] }));
    expect(csp.get('connect-src')).toBe("'self' https://sync.regio.nl");
  });

  it('relaxes scripts and websockets only for the dev server', () => {
    const dev = directives(buildContentSecurityPolicy({ devServer: true }));
    expect(dev.get('script-src')).toBe("'self' 'unsafe-inline'");
    expect(dev.get('connect-src')).toContain('ws://localhost:*');
    expect(directives(buildContentSecurityPolicy({ devServer: false })).get('script-src')).toBe("'self'");
  });

  it('replaces any CSP on http responses and keeps the other headers', () => {
    const session = createFakeSession();
    installContentSecurityPolicy(session as unknown as Session, 'POLICY');
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]?.[0];
    expect(listener).toBeTypeOf('function');
    const callback = vi.fn();
    listener?.(
      { url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Test': ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': ['POLICY'] },
    });
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = createFakeSession();
    denyAllPermissions(session as unknown as Session);
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]?.[0];
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]?.[0];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkHandler?.({}, permission, APP_ORIGIN, {})).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  let contents: FakeWebContents;

  beforeEach(async () => {
    vi.clearAllMocks();
    contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, [APP_ORIGIN]);
  });

  const navigate = (eventName: string, url: string) => {
    const event = { url, preventDefault: vi.fn() };
    contents.emit(eventName, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };

  it('prevents navigation and redirects to any other origin', () => {
    for (const url of [
      'https://evil.example/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
    ]) {
      expect(navigate('will-navigate', url), url).toBe(true);
      expect(navigate('will-redirect', url), url).toBe(true);
    }
  });

  it('allows navigation inside the app origin', () => {
    expect(navigate('will-navigate', 'app://regiodesk/index.html#/applicants')).toBe(false);
  });

  it('denies window.open, opening only https links in the browser', async () => {
    const electron = await fakeElectron();
    expect(contents.windowOpenHandler?.({ url: 'https://duo.nl/info' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://duo.nl/info');

    electron.shell.openExternal.mockClear();
    for (const url of ['http://duo.nl/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://regiodesk/index.html', 'smb://host/share']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents attaching webviews', () => {
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
