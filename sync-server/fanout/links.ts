import { clockOf, compareHlc, maxHlc } from '../../src/shared';
import type { Json, StoreDb } from '../store/types';

/**
 * A candidate's links (`regions`, `ownerRegion`) across its versions: which version's links
 * count when copies or leaves disagree (fanout.ts ownerLinks, server-merge.ts).
 */

/** A database's copy of a candidate: its winning revision and the revisions of its other leaves. */
export type Copy = { doc: Json; others: string[] };
export const hasLinks = (d: Json | null | undefined): d is Json => !!d && d._deleted !== true && Array.isArray(d.regions);
/** The clock of a version's links: the later of its `regions` and `ownerRegion` clocks. */
export const linksClock = (d: Json): string | undefined => maxHlc(clockOf(d, 'regions'), clockOf(d, 'ownerRegion'));
/** Of two versions of a candidate, the one whose links are later (a clocked over an unclocked; `a` on a tie). */
export function laterLinks(a: Json, b: Json): Json {
  const ca = linksClock(a);
  const cb = linksClock(b);
  if (cb === undefined) return a;
  if (ca === undefined) return b;
  return compareHlc(cb, ca) > 0 ? b : a;
}

/** For each copy, of its live leaves the one with the latest links (one `bulkGet`, only for conflicted copies). */
export async function latestLinks(db: StoreDb, copies: Map<string, Copy>): Promise<Map<string, Json>> {
  const out = new Map<string, Json>();
  const want: { id: string; rev: string }[] = [];
  for (const [id, c] of copies) {
    out.set(id, c.doc);
    for (const rev of c.others) want.push({ id, rev });
  }
  if (want.length === 0) return out;
  const got = (await db.bulkGet(want, {})) as { results: { id: string; docs: { ok?: Json }[] }[] };
  for (const res of got.results) for (const { ok: leaf } of res.docs) if (hasLinks(leaf)) out.set(res.id, laterLinks(out.get(res.id)!, leaf));
  return out;
}
