import { regionOfDb, regionsFor } from '../../src/shared';
import { leaveDeletions } from '../store/leave-deletions';
import type { Json, StoreDb } from '../store/types';

export const stringsOf = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : []);
/** The key range of a candidate's child documents (`<candidateId>:…`). */
export const childRange = (candidateId: string) => ({ startkey: `${candidateId}:`, endkey: `${candidateId}:\ufff0` });

/**
 * Purges each candidate and its shared documents from every region database that still has it
 * but is not among its `regions`. Region-private documents (comments, tasks) stay: they are the
 * region's own records. Referrals stay with the two regions they name.
 */
export async function unlinkElsewhere(db: StoreDb, regionDbs: () => Promise<StoreDb[]>, all: Json[], source: string, linked: Map<string, string[] | null>): Promise<void> {
  // A candidate still at its first revision has only ever listed these regions (fan-out copies
  // keep the revision), so no other region can hold it: skip the lookups. Most new candidates
  // (website intake, event mode, imports) are such, and checking them cost every region DB a read.
  const candidates = all.filter((c) => !String(c._rev ?? '').startsWith('1-'));
  if (candidates.length === 0) return;
  const ids = candidates.map((c) => String(c._id));
  for (const other of await regionDbs()) {
    const r = regionOfDb(other.name)!;
    if (r === source) continue;
    const rows = ((await other.allDocs({ keys: ids })) as { rows: { key: string; value?: { rev: string; deleted?: boolean } }[] }).rows;
    for (const [i, row] of rows.entries()) {
      const regions = stringsOf(linked.get(ids[i]!));
      if (!row.value || row.value.deleted || regions.includes(r)) continue;
      const id = row.key;
      // Only a version that has seen the region's own may unlink it: when the region holds a
      // revision this database lacks, it is ahead, and its own worker will bring it here first.
      const ahead = (await db.revsDiff({ [id]: [row.value.rev] })) as Record<string, { missing?: string[] }>;
      if (ahead[id]?.missing?.length) continue;
      const children = ((await other.allDocs({ ...childRange(id), include_docs: true })) as { rows: { id: string; doc?: Json }[] }).rows;
      const shared = children.filter((c) => c.doc && regionsFor(c.doc, regions.concat(r)).includes(r) && !regionsFor(c.doc, regions).includes(r));
      const docs: Record<string, string[]> = { [id]: ['*'] };
      for (const c of shared) docs[c.id] = ['*'];
      await other.purge(docs);
      await leaveDeletions(other, Object.keys(docs));
    }
  }
}
