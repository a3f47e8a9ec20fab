import { createHash } from 'node:crypto';
import { clockOf, compareHlc, maxHlc, mergeWithClocks } from '../../src/shared';
import type { Json, StoreDb } from '../store/types';

/**
 * The fan-out copies each region's revisions into the others' databases with `new_edits:false`:
 * two regions' edits of the same document made before either saw the other's become conflicting
 * leaves in every database, and laptops (CouchDB replication) see only CouchDB's winner, so the
 * losing edit's fields were gone for every user. Here such a document's live leaves are merged by
 * field clocks (`mergeWithClocks` without base, as the laptop merges its own conflicts) into one
 * revision on top of the winner, and the losing leaves are closed with deletions. Links are the
 * owner's: `regions`/`ownerRegion` come from the leaf with the latest links clock (as `laterLinks`
 * in fanout.ts), never from a union of lists.
 *
 * Every revision id is derived from the document and its leaves (as malformed-clocks.ts does), so
 * every region database that merges the same leaves writes the same tree: fan-out finds nothing
 * to copy, no new conflicts, no ping-pong. Running it again finds no conflicts left.
 */

const hashOf = (rev: string) => rev.slice(rev.indexOf('-') + 1);
const posOf = (rev: string) => Number(rev.slice(0, rev.indexOf('-')));
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const linksClock = (d: Json): string | undefined => maxHlc(clockOf(d, 'regions'), clockOf(d, 'ownerRegion'));

/** CouchDB's order of live leaves: the higher position, then the higher revision id, wins. */
function couchOrder(a: string, b: string): number {
  const d = posOf(a) - posOf(b);
  if (d !== 0) return d;
  return hashOf(a) < hashOf(b) ? -1 : hashOf(a) > hashOf(b) ? 1 : 0;
}

function content(d: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(d)) if (!k.startsWith('_')) out[k] = v;
  return out;
}

/** The revisions that resolve a document's live leaves (at least two), or null when there is nothing to merge. */
export function mergeRevisions(leaves: Json[]): Json[] | null {
  const live = leaves.filter((l) => l._deleted !== true && typeof l._rev === 'string');
  if (live.length < 2) return null;
  live.sort((a, b) => couchOrder(String(a._rev), String(b._rev)));
  const winner = live[live.length - 1]!;
  const id = String(winner._id);
  let merged = content(live[0]!);
  for (const leaf of live.slice(1)) merged = mergeWithClocks(undefined, merged, content(leaf)).doc as Json;
  // Links: the leaf whose links are latest (unclocked links: the winner's).
  let links = winner;
  for (const leaf of live) {
    const a = linksClock(links);
    const b = linksClock(leaf);
    if (b !== undefined && (a === undefined || compareHlc(b, a) > 0)) links = leaf;
  }
  for (const k of ['regions', 'ownerRegion']) {
    if (k in links) merged[k] = links[k];
    else delete merged[k];
  }
  const revs = live.map((l) => String(l._rev));
  const wrev = String(winner._rev);
  const pos = posOf(wrev) + 1;
  const hash = md5(`server-merge\u0000${id}\u0000${revs.join('\u0000')}`);
  const top: Json = { ...merged, _id: id, _rev: `${pos}-${hash}`, _revisions: { start: pos, ids: [hash, hashOf(wrev)] } };
  delete top._deleted;
  const out = [top];
  for (const l of live.slice(0, -1)) {
    const rev = String(l._rev);
    const p = posOf(rev) + 1;
    const h = md5(`server-merge-closed\u0000${id}\u0000${rev}\u0000${top._rev}`);
    out.push({ _id: id, _deleted: true, _rev: `${p}-${h}`, _revisions: { start: p, ids: [h, hashOf(rev)] } });
  }
  return out;
}

/**
 * Merges the conflicting live leaves of the given documents of `db` (only those listed; the
 * caller passes the ones its changes feed showed with more than one leaf). Answers the ids merged.
 */
export async function mergeConflicts(db: StoreDb, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = ((await db.allDocs({ keys: ids, include_docs: true, conflicts: true })) as { rows: { key: string; doc?: Json | null }[] }).rows;
  const want: { id: string; rev: string }[] = [];
  const first = new Map<string, Json>();
  for (const r of rows) {
    if (!r.doc || r.doc._deleted === true || !Array.isArray(r.doc._conflicts) || r.doc._conflicts.length === 0) continue;
    first.set(r.key, r.doc);
    for (const rev of r.doc._conflicts as string[]) want.push({ id: r.key, rev });
  }
  if (want.length === 0) return [];
  const got = (await db.bulkGet(want, {})) as { results: { id: string; docs: { ok?: Json }[] }[] };
  const leaves = new Map<string, Json[]>();
  for (const [id, d] of first) leaves.set(id, [d]);
  for (const res of got.results) for (const { ok } of res.docs) if (ok) leaves.get(res.id)?.push(ok);
  const docs: Json[] = [];
  const merged: string[] = [];
  for (const [id, ls] of leaves) {
    const revs = mergeRevisions(ls);
    if (!revs) continue;
    docs.push(...revs);
    merged.push(id);
  }
  if (docs.length) {
    const results = await db.bulkDocs(docs, false);
    const failed = results.find((r) => 'error' in r);
    if (failed && 'error' in failed) throw new Error(`${db.name}/${failed.id}: ${failed.error} ${failed.reason}`);
  }
  return merged;
}
