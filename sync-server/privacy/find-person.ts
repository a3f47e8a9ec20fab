import { CANDIDATE_TYPE, regionOfDb } from '../../src/shared';
import type { Json, Store, StoreDb } from '../store/types';

/**
 * Everything stored about one person in one region database: the candidate document itself,
 * the documents whose id starts with `<candidateId>:` (notes, tasks, … by convention) and any
 * other document whose `candidateId` names her (registrations, matches, contacts …). A full scan
 * in pages, as erasure and access requests are rare and must not miss a kind added later;
 * `deleted` includes deleted documents (for erasure).
 */
export async function docsAbout(db: StoreDb, candidateId: string, opts: { deleted?: boolean } = {}): Promise<Json[]> {
  const found = new Map<string, Json>();
  // `_changes` rather than `_all_docs`: it also lists deleted documents, whose older revisions
  // may still hold her data until they are purged.
  let since: number | string = 0;
  for (;;) {
    const res = await db.changes({ since, limit: 1000, includeDocs: true });
    if (res.results.length === 0) break;
    since = res.last_seq;
    for (const r of res.results as { id: string; deleted?: boolean; doc?: Json }[]) {
      if (r.id.startsWith('_') || !r.doc) continue;
      if (r.deleted && !opts.deleted) continue;
      if (r.id === candidateId || r.id.startsWith(`${candidateId}:`) || r.doc.candidateId === candidateId) found.set(r.id, r.doc);
    }
  }
  return [...found.values()];
}

/** Every region database (name and handle) that exists. */
export async function regionDbs(store: Store): Promise<{ region: string; db: StoreDb }[]> {
  const out: { region: string; db: StoreDb }[] = [];
  for (const name of await store.list()) {
    const region = regionOfDb(name);
    if (region === null) continue;
    const db = await store.open(name);
    if (db) out.push({ region, db });
  }
  return out;
}

/** The candidate as the first region database that holds her knows her, or null. */
export async function findCandidate(store: Store, candidateId: string): Promise<{ region: string; doc: Json } | null> {
  for (const { region, db } of await regionDbs(store)) {
    const doc = (await db.get(candidateId).catch(() => null)) as Json | null;
    if (doc && doc.type === CANDIDATE_TYPE) return { region, doc };
  }
  return null;
}
