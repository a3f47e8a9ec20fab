/**
 * Browser-side hardening: Content-Security-Policy, navigation and window guards, permissions.
 * Follows Electron's security checklist; every untrusted path ends in "deny".
 */
import { shell, type Session, type WebContents } from 'electron';
import { isAllowedOrigin, isHttpsUrl } from './urls';

export interface CspOptions {
  /**
   * Where the renderer may connect. The sync server is whatever http(s) URL the user types
   * at login, unknown when the policy is built, and desks often run it on a LAN address over
   * plain http. Rebuilding the policy after login would need a "widen my CSP" IPC call, which
   * is itself an attack surface, so the default allows any http(s) endpoint. What stops
   * injected code is `script-src 'self'` (no inline, no eval); connect-src only limits where
   * already-running script could send data, and our own script legitimately talks to servers
   * we cannot list in advance.
   */
  connectSources?: readonly string[];
  /**
   * A Vite dev server injects an inline script (React refresh preamble) and opens an HMR
   * websocket; allow exactly that, and only when loading from the dev server.
   */
  devServer?: boolean;
}

export const DEFAULT_CONNECT_SOURCES: readonly string[] = ['http:', 'https:'];

export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const connect = options.connectSources ?? DEFAULT_CONNECT_SOURCES;
  const scriptSrc = options.devServer ? ["'self'", "'unsafe-inline'"] : ["'self'"];
  const connectSrc = options.devServer ? [...connect, 'ws://localhost:*', 'ws://127.0.0.1:*'] : [...connect];
  const directives: ReadonlyArray<[string, readonly string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    // React and CSS-in-JS set style attributes at runtime; styles cannot run code.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...connectSrc]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Adds our CSP to every http(s) response (dev server, sync server); app:// sets its own. */
export function installContentSecurityPolicy(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any other policy so ours is the one in force, not an accidental intersection.
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  });
}

/**
 * Chromium's Local Network Access (enforced since Electron 43) gates every request from the page
 * to a loopback or private address behind these permissions. Reaching the user's sync server,
 * by default http://127.0.0.1:5984 and often a LAN address, is the app's core job, so they are
 * granted to our own origin. Requests the network stack makes for the OS-level prompt (macOS)
 * arrive without a WebContents; only our origin is ever loaded, so they are ours too.
 */
export const LOCAL_NETWORK_PERMISSIONS: ReadonlySet<string> = new Set([
  'local-network-access',
  'local-network',
  'loopback-network',
]);

/**
 * Every other permission (camera, notifications, geolocation, ...) is refused: the app uses none.
 */
export function restrictPermissions(session: Session, allowedOrigins: readonly string[]): void {
  const allowed = (permission: string, hasContents: boolean, requestingUrl: string | undefined): boolean =>
    LOCAL_NETWORK_PERMISSIONS.has(permission) &&
    (requestingUrl ? isAllowedOrigin(requestingUrl, allowedOrigins) : !hasContents);

  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(allowed(permission, Boolean(webContents), details?.requestingUrl));
  });
  session.setPermissionCheckHandler((webContents, permission, requestingOrigin) =>
    allowed(permission, Boolean(webContents), requestingOrigin),
  );
}

/** Opens a URL outside the app only when it is https; returns whether it was opened. */
export function openHttpsExternally(url: string): boolean {
  if (!isHttpsUrl(url)) return false;
  void shell.openExternal(url).catch(() => undefined);
  return true;
}

/**
 * Guards one WebContents: it may only ever show our own origin. Called for every
 * WebContents Electron creates (see main.ts), so a future window cannot forget it.
 */
export function hardenWebContents(contents: WebContents, allowedOrigins: readonly string[]): void {
  const blockForeign = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedOrigin(event.url, allowedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);

  contents.setWindowOpenHandler(({ url }) => {
    // Links with target=_blank land here: show https pages in the user's browser, never in-app.
    openHttpsExternally(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}
