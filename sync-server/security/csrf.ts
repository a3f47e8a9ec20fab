import type { IncomingMessage } from 'node:http';
import { forbidden } from '../http/errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin;
  const referer = req.headers.referer;
  if (typeof referer === 'string' && referer !== '') {
    try {
      return new URL(referer).origin;
    } catch {
      return 'null';
    }
  }
  return null;
}

/**
 * CSRF protection for cookie sessions. A browser always says where a state-changing request
 * comes from (Origin, else Referer, and Sec-Fetch-Site); a request riding on the session cookie
 * must come from this server's own pages or an allowed origin (the desktop app). Requests with
 * Basic credentials cannot be forged by another site, and clients that are not browsers
 * (PouchDB in Node, curl, the admin CLI) send no Origin, so they keep working. SameSite=Lax on
 * the cookie is the second line.
 */
export function checkCsrf(req: IncomingMessage, method: 'cookie' | 'basic' | null, allowedOrigins: readonly string[], tls: boolean): void {
  if (method !== 'cookie' || SAFE.has(req.method ?? 'GET')) return;
  const origin = originOf(req);
  if (origin === null) {
    if (req.headers['sec-fetch-site'] === 'cross-site') throw forbidden('Cross-site request refused.');
    return;
  }
  const self = `${tls ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  if (origin === self || allowedOrigins.includes(origin)) return;
  throw forbidden('Cross-site request refused.');
}
