// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { createFakeSession, fakeElectron, FakeWebContents } from './electron.fake';
import {
  buildContentSecurityPolicy,
  hardenWebContents,
  installContentSecurityPolicy,
  restrictPermissions,
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
  const setup = () => {
    const session = createFakeSession();
    restrictPermissions(session as unknown as Session, [APP_ORIGIN]);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0];
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0];
    const requestFrom = (permission: string, url: string | undefined, contents: object | null = {}) => {
      const callback = vi.fn();
      request?.(contents, permission, callback, { requestingUrl: url });
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]?.[0] as boolean;
    };
    return { requestFrom, check: (permission: string, origin: string, contents: object | null = {}) => check?.(contents, permission, origin, {}) };
  };

  it('denies every other permission, even to our own page', () => {
    const { requestFrom, check } = setup();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'unknown']) {
      expect(requestFrom(permission, 'app://regiodesk/index.html'), permission).toBe(false);
      expect(check(permission, APP_ORIGIN), permission).toBe(false);
    }
  });

  it('lets our own page reach loopback and LAN sync servers (Local Network Access)', () => {
    const { requestFrom, check } = setup();
    for (const permission of ['local-network-access', 'local-network', 'loopback-network']) {
      expect(requestFrom(permission, 'app://regiodesk/index.html'), permission).toBe(true);
      expect(check(permission, APP_ORIGIN), permission).toBe(true);
      // Network-stack requests for the OS prompt come without WebContents or URL.
      expect(requestFrom(permission, undefined, null), permission).toBe(true);
    }
  });

  it('refuses local network access to any other origin', () => {
    const { requestFrom, check } = setup();
    expect(requestFrom('local-network-access', 'https://evil.example/')).toBe(false);
    expect(requestFrom('loopback-network', 'app://evil/')).toBe(false);
    expect(requestFrom('local-network', undefined)).toBe(false);
    expect(check('local-network-access', 'https://evil.example')).toBe(false);
    expect(check('local-network-access', '')).toBe(false);
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
