import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * The desktop app's update feed (electron-updater's `generic` provider): an admin copies the
 * files `electron-builder --publish never` wrote in `release/` (latest*.yml, installers,
 * blockmaps) into `<dataDir>/updates/<os>/`, and the app fetches them from `/updates/<os>/`.
 * Public on purpose: the check runs before anyone logs in, and installers hold no personal data.
 * Only those file kinds, only directly inside the folder, no listings.
 */
export const UPDATE_FILE = /^[A-Za-z0-9][A-Za-z0-9._ -]*\.(yml|exe|dmg|zip|AppImage|deb|blockmap)$/;
export const UPDATE_PLATFORMS = new Set(['win', 'mac', 'linux']);

const TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.blockmap': 'application/octet-stream',
};

function plain(res: ServerResponse, status: number, error: string, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error, reason }));
}

/** `segments` are the decoded path parts after `/updates/`. */
export async function serveUpdates(req: IncomingMessage, res: ServerResponse, dir: string, segments: string[]): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    plain(res, 405, 'method_not_allowed', 'Only GET and HEAD.');
    return;
  }
  const [platform, name, ...rest] = segments;
  if (rest.length > 0 || !platform || !name || !UPDATE_PLATFORMS.has(platform) || !UPDATE_FILE.test(name)) {
    plain(res, 404, 'not_found', 'No such update file.');
    return;
  }
  const file = path.join(path.resolve(dir), platform, name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    plain(res, 404, 'not_found', 'No such update file.');
    return;
  }
  const ext = path.extname(name);
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    // latest*.yml must be re-read on every check; installers are versioned by name.
    'Cache-Control': ext === '.yml' ? 'no-cache' : 'public, max-age=86400',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
