import type { ServerResponse } from 'node:http';

/** API answers are data, never a page: nothing may run or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers on every answer except the embeddable intake form (it has its own allowed frame
 * origins and is answered before this runs). HSTS only when the server itself speaks TLS.
 */
export function setSecurityHeaders(res: ServerResponse, pathname: string, tls: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // The web app's pages carry their own policy (sync-server/web/static.ts); API answers this one.
  if (pathname !== '/app' && !pathname.startsWith('/app/')) res.setHeader('Content-Security-Policy', API_CSP);
  if (tls) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}
