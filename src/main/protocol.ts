/**
 * Serves the built renderer through `app://regiodesk/` instead of `file://`.
 *
 * A privileged standard scheme gives the renderer a real origin (IndexedDB for RxDB,
 * `'self'` in the CSP, origin checks on navigation and IPC) and, unlike `file://`, cannot
 * reach the rest of the disk: only files inside the renderer folder are ever read.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './urls';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before `app` is ready: Chromium reads scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure: a real origin with IndexedDB and secure-context APIs;
      // supportFetchAPI: the renderer may fetch its own assets (e.g. translations).
      // No bypassCSP, no service workers, no CORS opening.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * Maps an app:// URL to a file inside rootDir, or null when the URL is foreign, malformed
 * or escapes rootDir. Percent-decoding happens before the checks, because `URL` only
 * normalises literal `..` segments, not encoded ones such as `..%2f`.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows and NUL truncates paths in native code: no valid asset has either.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  // Belt and braces against anything path.resolve could still interpret (drive letters, UNC).
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolOptions {
  rootDir: string;
  /**
   * Sent on every response. Session webRequest hooks do not run for custom protocols
   * (electron/electron#6021, #45865), so the handler must set the CSP itself.
   */
  contentSecurityPolicy: string;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const baseHeaders = {
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
  };
  const notFound = (): Response =>
    new Response('Not found', { status: 404, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...baseHeaders, Allow: 'GET, HEAD' } });
    }
    const file = resolveAppFile(options.rootDir, request.url);
    if (file === null) return notFound();
    try {
      if (!(await stat(file)).isFile()) return notFound();
      const headers = { ...baseHeaders, 'Content-Type': contentTypeOf(file) };
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { status: 200, headers });
    } catch {
      return notFound();
    }
  };
}

export function registerAppProtocol(options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
