import { CANDIDATE_TYPE, canWriteRegion, newTask, REGION_CODE, regionDbName, regionOfDb, taskSchema, validate } from '../../src/shared';
import type { Deps, State } from '../couch/deps';
import { sameperson, type DuplicateQuery } from '../fanout/routes';
import { readJsonObject } from '../http/body';
import { badRequest, forbidden, unauthorized } from '../http/errors';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { Json } from '../store/types';

/**
 * `POST /_regiodesk/link-request`: an advisor whose new candidate matches a person owned by another
 * region (see `/_regiodesk/duplicates`) asks that region to link the person to hers. She never
 * learns who it is: the server writes a task on the matching candidate in the owner region,
 * assigned to the candidate's owner, and answers only which regions were asked. Linking stays the
 * owner region's decision (the linking feature), so no data moves without it.
 */
export function linkRequestRoutes(router: Router<State>, deps: Deps): void {
  router.on('POST', '/_regiodesk/link-request', async (ctx) => {
    const p = ctx.state.user;
    if (!p) throw unauthorized();
    const body = await readJsonObject(ctx.req, 64 * 1024);
    const from = body.fromRegion;
    if (typeof from !== 'string' || !REGION_CODE.test(from)) throw badRequest('fromRegion is required.');
    if (!canWriteRegion(p, from)) throw forbidden('You cannot register candidates in this region.');
    const q: DuplicateQuery = {};
    for (const k of ['email', 'phone', 'firstName', 'lastName', 'dateOfBirth'] as const) {
      const v = body[k];
      if (v === undefined || v === null || v === '') continue;
      if (typeof v !== 'string' || v.length > 254) throw badRequest(`${k} must be a short string.`);
      q[k] = v;
    }
    if (!q.email && !q.phone && !(q.lastName && q.dateOfBirth)) throw badRequest('An e-mail address, phone number, or name with date of birth is required.');
    const names = new Map((await deps.regions.list()).map((r) => [r.code, r.name]));
    const now = new Date().toISOString();
    const asked: string[] = [];
    for (const dbName of await deps.store.list()) {
      const region = regionOfDb(dbName);
      if (!region || region === from) continue;
      const db = await deps.store.open(dbName);
      if (!db) continue;
      const rows = ((await db.allDocs({ include_docs: true })) as { rows: { id: string; doc?: Json }[] }).rows;
      const cand: Json | undefined = rows.map((r) => r.doc).find((d): d is Json => !!d && d.type === CANDIDATE_TYPE && d._deleted !== true && d.ownerRegion === region && sameperson(q, d));
      if (!cand || (cand.regions as string[]).includes(from)) continue;
      const task = newTask(
        {
          candidateId: String(cand._id),
          region,
          title: `Koppelverzoek van ${names.get(from) ?? from} (${p.name}): dezelfde persoon meldde zich daar aan. Koppel de kandidaat als zij het goed vindt.`.slice(0, 200),
          assignee: String(cand.owner),
        },
        // One request per requesting region and day: asking twice does not make two tasks.
        { suffix: `lr${from}${now.slice(0, 10).replace(/-/g, '')}`, user: p.name, now },
      );
      const r = validate(taskSchema, task);
      if (!r.ok) continue;
      const { id, ...rest } = r.value as unknown as Json & { id: string };
      const res = await db.bulkDocs([{ _id: id, ...rest }], true);
      if (res[0] && ('ok' in res[0] || (res[0] as { error?: string }).error === 'conflict')) asked.push(region);
    }
    sendJson(ctx.res, 200, { asked: asked.map((code) => ({ region: code, name: names.get(code) ?? code })) });
  });
}
