import { createHash } from 'node:crypto';
import { regionOfDb } from '../../src/shared';
import { dataFreeDeletion } from '../couch/deletions';
import type { Json, StoreDb } from '../store/types';
import { writeChildRevisions } from './child-revisions';

/**
 * Deletions stored before the server stripped them (couch/deletions.ts) still hold the deleted
 * document's last body (as the winning revision, or as a losing leaf of a conflicted document). Compaction calls this first for every region
 * database: each such deletion gets a data-free deletion revision on top (the kind's tombstone,
 * CouchDB's `_` fields and `fieldClocks._deleted`, exactly what deletions.ts stores today), and
 * the compaction after it drops the old body like any non-leaf revision's.
 *
 * A new revision, not the body replaced under the same revision id: a revision's content never
 * changes in CouchDB, so replicas that hold the old revision (laptops, the other regions'
 * databases through fan-out, a backup) would otherwise keep the body forever and disagree with
 * the server about what that revision is. The child extends the leaf they already have, so
 * replicating it is an ordinary update, never a conflict. Its revision id is derived from the
 * document and the leaf (as purge stubs are, store/purge.ts): every region database that holds
 * a copy of the deletion writes the same revision, so fan-out finds nothing to copy and the
 * copies do not become conflicting leaves. Running it again finds nothing left to rewrite.
 */

/** The revision of the data-free deletion written on top of the deleted leaf `leaf`. */
export function dataFreeRev(id: string, leaf: string): string {
  const pos = Number(leaf.slice(0, leaf.indexOf('-')));
  return `${pos + 1}-${createHash('md5').update(`data-free\u0000${id}\u0000${leaf}`).digest('hex')}`;
}

/** JSON with keys sorted, so two bodies compare by content, not by key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The data-free deletion to write on top of `doc`, or null when `doc` holds no more than that. */
export function dataFreeChild(db: string, doc: Json): Json | null {
  if (doc._deleted !== true || typeof doc._rev !== 'string') return null;
  const { _revisions: _r, _conflicts: _c, ...stored } = doc;
  const stripped = dataFreeDeletion(db, stored);
  if (stripped === stored || canonical(stripped) === canonical(stored)) return null;
  const leaf = doc._rev;
  const [pos, hash] = dataFreeRev(String(doc._id), leaf).split('-') as [string, string];
  return { ...stripped, _rev: `${pos}-${hash}`, _revisions: { start: Number(pos), ids: [hash, leaf.slice(leaf.indexOf('-') + 1)] } };
}

/**
 * The deleted losing leaves of a document with several (two laptops deleted it, or one deleted
 * and one edited it): they are served too (`open_revs`, `GET ?rev=`), so they get the same.
 */
async function deletedLosers(db: StoreDb, row: Json): Promise<Json[]> {
  const leaves = (row.changes as { rev: string }[]).map((c) => c.rev);
  const winner = (row.doc as Json | undefined)?._rev;
  const losers = leaves.filter((r) => r !== winner);
  if (losers.length === 0) return [];
  const found = (await db.get(String(row.id), { open_revs: losers })) as { ok?: Json }[];
  return found.map((f) => f.ok).filter((d): d is Json => !!d && d._deleted === true);
}

/**
 * Writes a data-free deletion on top of every deleted leaf revision (the winner, and losing
 * leaves of conflicted documents) of a region database that still holds a body; answers how
 * many it wrote. Other databases are left as they are.
 */
export async function rewriteOldDeletions(db: StoreDb): Promise<number> {
  if (regionOfDb(db.name) === null) return 0;
  return writeChildRevisions(
    db,
    async (rows) => {
      const deleted: Json[] = [];
      for (const r of rows) {
        if (r.deleted === true && r.doc) deleted.push(r.doc as Json);
        if (Array.isArray(r.changes) && r.changes.length > 1) deleted.push(...(await deletedLosers(db, r)));
      }
      return deleted.map((d) => dataFreeChild(db.name, d)).filter((d): d is Json => d !== null);
    },
    { allLeaves: true },
  );
}
