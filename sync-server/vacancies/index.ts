import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REGION_CODE } from '../../src/shared';
import type { Deps } from '../couch/deps';
import { methodNotAllowed, notFound, toHttpError } from '../http/errors';
import { sendJson } from '../http/respond';
import { splitPath } from '../http/router';
import type { IntakeSettingsStore } from '../intake/settings';
import { PublicVacancyList } from './list';
import { interestPage, listPage } from './page';

/**
 * The public, login-free vacancy list of a region: `GET /vacatures/<region>` (HTML, also
 * embeddable with `?embed=1`), `GET /vacatures/<region>.json`, and the "Interesse" page
 * `GET /vacatures/<region>/<vacancy>/interesse` that carries the vacancy into the region's
 * intake form. Only vacancies marked public and open; no contact persons, no candidates. Region
 * names and the websites allowed to read the JSON come from the intake settings.
 */
export function createPublicVacancies(deps: Pick<Deps, 'store'>, settings: IntakeSettingsStore) {
  const list = new PublicVacancyList(deps.store);

  async function serve(req: IncomingMessage, res: ServerResponse, segments: string[], embed: boolean): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
    const first = segments[1]!;
    const json = segments.length === 2 && first.endsWith('.json');
    const region = json ? first.slice(0, -5) : first;
    const known = REGION_CODE.test(region) ? await settings.get(region) : null;
    const vacancies = known ? await list.of(region) : null;
    if (!known || !vacancies) throw notFound('Unknown region.');
    if (json) {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      const cors: Record<string, string> = origin && known.settings.origins.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
      sendJson(res, 200, { region, name: known.name, vacancies }, { ...cors, 'Cache-Control': 'public, max-age=60', 'X-Content-Type-Options': 'nosniff' });
      return;
    }
    const nonce = randomBytes(12).toString('base64');
    let html: string;
    if (segments.length === 2) html = listPage(region, known.name, vacancies, nonce, embed);
    else if (segments.length === 4 && segments[3] === 'interesse') {
      const v = vacancies.find((x) => x.id === segments[2]);
      if (!v) throw notFound('This vacancy is not open (any more).');
      const proto = String(req.headers['x-forwarded-proto'] ?? '') === 'https' ? 'https' : 'http';
      html = interestPage(`${proto}://${req.headers.host ?? 'localhost'}`, region, known.name, v, nonce);
    } else throw notFound('missing');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors *`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(html),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  }

  /** Handles the request when it is for the public vacancy list; false lets the caller go on. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/vacatures/')) return false;
    const segments = splitPath(url.pathname);
    if (!segments || segments[0] !== 'vacatures' || (segments.length !== 2 && segments.length !== 4)) return false;
    try {
      await serve(req, res, segments, url.searchParams.get('embed') === '1');
    } catch (err) {
      const e = toHttpError(err);
      if (e.status >= 500) console.error('vacatures: unexpected error', err);
      sendJson(res, e.status, { error: e.error, reason: e.reason }, { 'X-Content-Type-Options': 'nosniff' });
    }
    return true;
  }

  return { handle };
}
