import type { IncomingMessage, ServerResponse } from 'node:http';

const METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
const HEADERS = 'accept, authorization, content-type, origin, referer, x-csrf-token';

/**
 * Adds CORS headers (with credentials) for allowed origins. Answers a preflight itself and
 * returns true when the request is fully handled.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  const ok = typeof origin === 'string' && allowed.includes(origin);
  if (ok) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'content-type, cache-control, etag, x-couch-request-id');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  if (!ok) {
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'forbidden', reason: 'Origin not allowed.' }) + '\n');
    return true;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': METHODS,
    'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? HEADERS),
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}
