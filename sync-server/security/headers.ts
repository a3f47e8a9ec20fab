import type { ServerResponse } from 'node:http';

/**
 * The web app's Content Security Policy: only its own scripts, styles (inline style attributes
 * are React's), images, workers and the server's own API; no plugins, no framing.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
  res.setHeader('Content-Security-Policy', pathname === '/app' || pathname.startsWith('/app/') ? APP_CSP : API_CSP);
  if (tls) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}
