import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

async function fileAt(p: string): Promise<number | null> {
  const s = await stat(p).catch(() => null);
  return s?.isFile() ? s.size : null;
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

/**
 * Serves the built web app under `/app/`: files by path, `index.html` for unknown paths without
 * an extension (client-side routes), hashed `/app/assets/` for a year, `sw.js` never cached,
 * the CSP on HTML. `rest` is the decoded path after `/app/`.
 */
export async function serveWebApp(req: IncomingMessage, res: ServerResponse, webRoot: string, rest: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
    res.end('Method not allowed\n');
    return;
  }
  const root = path.resolve(webRoot);
  const index = path.join(root, 'index.html');
  if ((await fileAt(index)) === null) {
    plain(res, 503, 'The web app is not built. Run `npm run build` and reload.');
    return;
  }
  let file = path.resolve(root, '.' + path.posix.normalize('/' + rest));
  if (file !== root && !file.startsWith(root + path.sep)) {
    plain(res, 404, 'Not found');
    return;
  }
  let size = file === root ? null : await fileAt(file);
  if (size === null) {
    if (path.extname(rest) !== '') {
      plain(res, 404, 'Not found');
      return;
    }
    file = index;
    size = await fileAt(index);
    if (size === null) {
      plain(res, 503, 'The web app is not built. Run `npm run build` and reload.');
      return;
    }
  }
  const ext = path.extname(file).toLowerCase();
  const rel = path.relative(root, file).split(path.sep).join('/');
  const headers: Record<string, string | number> = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': size,
    'X-Content-Type-Options': 'nosniff',
  };
  if (rel === 'sw.js' || ext === '.html' || ext === '.webmanifest') headers['Cache-Control'] = 'no-cache';
  else if (rel.startsWith('assets/')) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  else headers['Cache-Control'] = 'no-cache';
  if (ext === '.html') {
    headers['Content-Security-Policy'] = CSP;
    headers['X-Frame-Options'] = 'DENY';
    headers['Referrer-Policy'] = 'no-referrer';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
