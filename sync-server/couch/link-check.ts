import { candidateOf, CANDIDATE_TYPE, REFERRAL_TYPE, regionDbName, regionOfDb } from '../../src/shared';
import type { Json, Store } from '../store/types';

export interface LinkProblem {
  error: 'forbidden';
  reason: string;
}

type Copy = Json | null;
const alive = (d: Copy | undefined): d is Json => !!d && d._deleted !== true && d.type === CANDIDATE_TYPE;
const regionsOf = (d: Json): string[] => (Array.isArray(d.regions) ? (d.regions as string[]) : []);

/**
 * Which of `docs`, about to be written to database `dbName` through the HTTP write path, are
 * about a candidate that is not (or no longer) linked to that database's region. The owner
 * region's copy of the candidate is the truth: a stale laptop of an unlinked region still holds
 * the old version (its `regions` naming its own region) and would otherwise bring the person back
 * after the fan-out purged it. The fan-out writes with the store directly and is not checked.
 *
 * Not checked: deletions (harmless), `_local/` documents, referrals (a referral is how a region
 * asks to be linked, so it lives in the receiving region before any link), candidates no region
 * knows yet (a new person whose notes may be pushed before the person itself).
 * Lookups are batched: one read of the target database, and only for candidates it does not
 * hold alive one read per other region database and per owner region.
 */
export async function linkProblems(store: Store, dbName: string, docs: Json[]): Promise<(LinkProblem | null)[]> {
  const region = regionOfDb(dbName);
  const out: (LinkProblem | null)[] = docs.map(() => null);
  if (region === null) return out;
  const about = docs.map((d) => {
    if (typeof d._id !== 'string' || d._id.startsWith('_') || d._deleted === true || d.type === REFERRAL_TYPE) return null;
    return candidateOf(d);
  });
  const ids = [...new Set(about.filter((id): id is string => !!id))];
  if (ids.length === 0) return out;

  // The candidates as the batch itself claims them (only used when no server copy exists).
  const claimed = new Map<string, Json>();
  for (const d of docs) if (d.type === CANDIDATE_TYPE && d._deleted !== true && typeof d._id === 'string') claimed.set(d._id, d);

  const here = await readCopies(store, region, ids);
  // Where this database has no live copy (unlinked: purged; or never linked), find the owner elsewhere.
  const owners = new Map<string, string>();
  const copies = new Map<string, Map<string, Copy>>([[region, here]]);
  for (const id of ids) if (alive(here.get(id))) owners.set(id, String(here.get(id)!.ownerRegion));
  let unknown = ids.filter((id) => !owners.has(id));
  // A pushed candidate names its owner: look there first, it usually settles it in one read.
  for (const id of unknown) {
    const c = claimed.get(id);
    if (c && typeof c.ownerRegion === 'string' && c.ownerRegion !== region) await copiesIn(store, copies, c.ownerRegion, [id]);
    const seen = c && typeof c.ownerRegion === 'string' ? copies.get(c.ownerRegion)?.get(id) : undefined;
    if (alive(seen)) owners.set(id, String(seen.ownerRegion));
  }
  unknown = unknown.filter((id) => !owners.has(id));
  if (unknown.length) {
    for (const name of await store.list()) {
      const r = regionOfDb(name);
      if (r === null || r === region) continue;
      const got = await copiesIn(store, copies, r, unknown);
      for (const id of unknown) {
        const d = got.get(id);
        if (!owners.has(id) && alive(d)) owners.set(id, String(d.ownerRegion));
      }
      unknown = unknown.filter((id) => !owners.has(id));
      if (!unknown.length) break;
    }
  }

  // One read per owner region for all its candidates of this request.
  const byOwner = new Map<string, string[]>();
  for (const id of ids) {
    const owner = owners.get(id) ?? (claimed.get(id)?.ownerRegion as string | undefined);
    if (owner !== undefined && owner !== region) byOwner.set(owner, [...(byOwner.get(owner) ?? []), id]);
  }
  for (const [owner, of] of byOwner) await copiesIn(store, copies, owner, of);

  const verdict = new Map<string, boolean>();
  for (const id of ids) {
    const owner = owners.get(id) ?? (claimed.get(id)?.ownerRegion as string | undefined);
    // Nobody knows this candidate: a new person of this region (or its notes arriving first).
    if (owner === undefined || owner === region) {
      verdict.set(id, true);
      continue;
    }
    const truth = (await copiesIn(store, copies, owner, [id])).get(id);
    if (alive(truth)) verdict.set(id, regionsOf(truth).includes(region));
    else {
      // The owner's database does not have it (yet): a transfer in flight, whose new owner gets
      // it from this region's fan-out. This region's own live copy then decides.
      const own = here.get(id);
      verdict.set(id, alive(own) && regionsOf(own).includes(region));
    }
  }
  about.forEach((id, i) => {
    if (id && verdict.get(id) === false) {
      out[i] = { error: 'forbidden', reason: `Deze kandidaat is niet (meer) aan regio ${region} gekoppeld (candidate ${id} is not linked to region ${region}).` };
    }
  });
  return out;
}

const FEW = 32;
const isMissing = (e: unknown) => (e as { status?: unknown } | null)?.status === 404;

async function readCopies(store: Store, region: string, ids: string[]): Promise<Map<string, Copy>> {
  const m = new Map<string, Copy>();
  const db = await store.open(regionDbName(region)).catch(() => null);
  if (!db) return m;
  if (ids.length <= FEW) {
    // A few gets at once are several times faster than `_all_docs` with keys in the embedded store.
    const docs = await Promise.all(ids.map((id) => db.get(id).catch((e: unknown) => (isMissing(e) ? null : Promise.reject(e)))));
    ids.forEach((id, i) => m.set(id, (docs[i] as Json | null) ?? null));
    return m;
  }
  const rows = ((await db.allDocs({ keys: ids, include_docs: true })) as { rows: { key: string; doc?: Json | null }[] }).rows;
  for (const r of rows) m.set(r.key, r.doc ?? null);
  return m;
}

/** Copies of `ids` in `region`'s database, read once per request and region (cached in `cache`). */
async function copiesIn(store: Store, cache: Map<string, Map<string, Copy>>, region: string, ids: string[]): Promise<Map<string, Copy>> {
  let m = cache.get(region);
  if (!m) cache.set(region, (m = new Map()));
  const need = ids.filter((id) => !m!.has(id));
  if (need.length) for (const [k, v] of await readCopies(store, region, need)) m.set(k, v);
  for (const id of need) if (!m.has(id)) m.set(id, null);
  return m;
}
