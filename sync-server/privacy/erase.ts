import { errorFields, logJson } from '../security/log';
import type { Json, Store, StoreDb } from '../store/types';
import { leaveDeletions } from '../store/leave-deletions';
import type { AuditLog } from './audit';
import { docsAbout, regionDbs } from './find-person';
import { putDoc } from './privacy-db';

export interface ErasureResult {
  candidateId: string;
  /** Documents purged per region. */
  purged: Record<string, number>;
}

export interface ErasureMarker {
  candidateId: string;
  regions: string[];
  at: string;
  by: string;
}

/** Whether the database holds any revision of `id` (CouchDB refuses to purge nothing). */
async function hasRevisions(db: StoreDb, id: string): Promise<boolean> {
  const leaves = (await db.get(id, { open_revs: 'all' }).catch(() => [])) as { ok?: unknown }[];
  return Array.isArray(leaves) && leaves.some((l) => l.ok);
}

/**
 * Erases a person from every region database: purges (not deletes) the candidate and every
 * document about her, so no revision body remains; then compacts, so the store's files drop the
 * bytes as well. The fan-out may be copying one of her documents at this moment, so the search
 * repeats until a round finds nothing. Leaves an erasure marker (ids only) that laptops read at
 * their next sync (src/renderer/features/privacy/erasure-sync.ts) and an `erased` audit entry
 * per region.
 */
export async function eraseCandidate(
  deps: { store: Store; audit: AuditLog; privacyDb: StoreDb },
  candidateId: string,
  by: string,
): Promise<ErasureResult> {
  const purged: Record<string, number> = {};
  const touched = new Set<StoreDb>();
  for (let round = 0; round < 5; round++) {
    let found = 0;
    for (const { region, db } of await regionDbs(deps.store)) {
      const docs = await docsAbout(db, candidateId, { deleted: true });
      const ids = docs.map((d) => String(d._id));
      // Her own id always: a deleted candidate's older revisions may still be stored.
      if (round === 0 && !ids.includes(candidateId) && (await hasRevisions(db, candidateId))) ids.push(candidateId);
      if (ids.length === 0) continue;
      const res = await db.purge(Object.fromEntries(ids.map((id) => [id, ['*']])));
      const done = Object.entries(res).filter(([, revs]) => revs.length > 0).map(([id]) => id);
      if (done.length === 0) continue;
      found += done.length;
      touched.add(db);
      purged[region] = (purged[region] ?? 0) + done.length;
      await leaveDeletions(db, done);
    }
    if (found === 0) break;
  }
  // Retention extensions name her id and may carry a reason typed about her.
  const ext = (await deps.privacyDb.allDocs({ startkey: `extension:${candidateId}:`, endkey: `extension:${candidateId}:\ufff0` })) as { rows: { id: string }[] };
  if (ext.rows.length) await deps.privacyDb.purge(Object.fromEntries(ext.rows.map((r) => [r.id, ['*']])));
  // The purge is done; a compaction the backend cannot start now (CouchDB compacts on its own
  // schedule too) must not turn the erasure into an error.
  for (const db of [...touched, deps.privacyDb]) await db.compact?.().catch((err: unknown) => logJson('warn', 'erasure_compact_failed', { db: db.name, ...errorFields(err) }));
  const regions = Object.keys(purged).sort();
  const marker: ErasureMarker = { candidateId, regions, at: new Date().toISOString(), by };
  await putDoc(deps.privacyDb, `erased:${candidateId}`, marker as unknown as Json);
  for (const region of regions) await deps.audit.append({ region, user: by, action: 'erased', docIds: [candidateId], what: `${purged[region]} documents` });
  return { candidateId, purged };
}

/** Erasure markers of the given regions (all for null), oldest first. */
export async function erasures(privacyDb: StoreDb, regions: string[] | null): Promise<ErasureMarker[]> {
  const res = (await privacyDb.allDocs({ include_docs: true, startkey: 'erased:', endkey: 'erased:\ufff0' })) as { rows: { doc: ErasureMarker }[] };
  return res.rows
    .map((r) => ({ candidateId: r.doc.candidateId, regions: r.doc.regions, at: r.doc.at, by: r.doc.by }))
    .filter((m) => regions === null || m.regions.some((r) => regions.includes(r)))
    .sort((a, b) => a.at.localeCompare(b.at));
}
