/**
 * Origin and URL checks shared by navigation guards, IPC sender checks and the protocol handler.
 *
 * Node's WHATWG URL reports the origin of a non-special scheme such as `app:` as "null",
 * so origins are computed here by hand instead of via `URL#origin`.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'regiodesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const ORIGIN_SCHEMES = new Set(['app:', 'http:', 'https:']);

/** `scheme://host[:port]` in lower case, or null for URLs that can never be trusted (file:, data:, junk). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!ORIGIN_SCHEMES.has(parsed.protocol) || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.some((allowed) => allowed.toLowerCase() === origin);
}

export function isHttpsUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '';
  } catch {
    return false;
  }
}
