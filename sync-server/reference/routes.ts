import { MAX_REFERENCE_FILE_BYTES, SECTORS, type ReferenceFormat, type Sector } from '../../src/shared';
import type { Deps, State } from '../couch/deps';
import { readBody } from '../http/body';
import { badRequest, forbidden, toHttpError, unauthorized } from '../http/errors';
import type { Router } from '../http/router';
import { importReferenceFile } from './import';

const FORMATS = new Set<ReferenceFormat>(['duo', 'programmes']);
const SECTOR_CODES = new Set<string>(SECTORS.map((s) => s.code));

/**
 * `POST /_regiodesk/reference/import?format=duo|programmes[&sector=po][&partial=1]` with the
 * file's bytes as the body (administrators only). The answer streams NDJSON: `{"progress":
 * {done,total}}` lines while writing, then `{"report": …}` or `{"error", "reason"}`. A file
 * that cannot be read is a plain 400 `{error, reason}` before anything is written.
 */
export function referenceRoutes(router: Router<State>, deps: Deps): void {
  router.on('POST', '/_regiodesk/reference/import', async (ctx) => {
    const user = ctx.state.user;
    if (!user) throw unauthorized();
    if (!user.admin) throw forbidden('Only an administrator may import reference data.');
    const format = ctx.query.get('format') as ReferenceFormat | null;
    if (!format || !FORMATS.has(format)) throw badRequest('Give format=duo or format=programmes.');
    const sector = ctx.query.get('sector');
    if (sector !== null && !SECTOR_CODES.has(sector)) throw badRequest(`Unknown sector ${sector}: use ${[...SECTOR_CODES].join(', ')}.`);
    const body = await readBody(ctx.req, MAX_REFERENCE_FILE_BYTES);
    let started = false;
    const line = (obj: unknown) => {
      if (!started) {
        ctx.res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
        started = true;
      }
      ctx.res.write(JSON.stringify(obj) + '\n');
    };
    try {
      const report = await importReferenceFile(deps.store, new Uint8Array(body.buffer, body.byteOffset, body.length), {
        format,
        user: user.name,
        ...(sector ? { sector: sector as Sector } : {}),
        partial: ctx.query.get('partial') === '1',
        onProgress: (done, total) => line({ progress: { done, total } }),
      });
      line({ report });
      ctx.res.end();
    } catch (err) {
      if (!started) throw err;
      const e = toHttpError(err);
      line({ error: e.error, reason: e.reason });
      ctx.res.end();
    }
  });
}
