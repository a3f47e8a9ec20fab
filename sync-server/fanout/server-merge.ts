import { createHash } from 'node:crypto';
import { compareHlc, mergeWithClocks } from '../../src/shared';
import type { Json, StoreDb } from '../store/types';
import { linksClock } from './links';

/**
 * The fan-out copies each region's revisions into the others' databases with `new_edits:false`:
 * two regions' edits of the same document made before either saw the other's become conflicting
 * leaves in every database, and laptops (CouchDB replication) see only CouchDB's winner, so the
 * losing edit's fields were gone for every user. Here such a document's live leaves are merged by
 * field clocks (`mergeWithClocks`) into one revision on top of the winner, and the losing leaves
 * are closed with deletions.
 *
 * The base of that merge is the leaves' common ancestor: the latest revision in every live leaf's
 * history (`_revisions`), whose body the store keeps until compaction (PouchDB's `_bulk_get` of
 * that revision, CouchDB's the same). Against it a list item removed on one side stays removed,
 * and a field only one side changed is not counted as changed on both. Looked up in this database,
 * else in the other region databases (`elsewhere`: a region linked after the fork got only the
 * leaves); a revision id names one body, so any copy of it is the same. Without it (compacted
 * everywhere, or history cut by revs_limit) the merge falls back to no base, as before: lists
 * become unions (a removed item comes back) and every differing field counts as changed on both
 * sides. The base revision is part of the merge's revision id, so a merge made without the base
 * never shares a revision id with one made with it: two such merges meet as a new conflict and
 * are merged in the next round against their common ancestor (the old winner, a leaf that every
 * merging database held). Links are the
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

/** A revision's history as revision ids, latest first (from `_revisions`; just `_rev` without it). */
function historyOf(d: Json): string[] {
  const h = d._revisions as { start?: unknown; ids?: unknown } | undefined;
  if (h && typeof h.start === 'number' && Array.isArray(h.ids)) return h.ids.map((x, i) => `${(h.start as number) - i}-${String(x)}`);
  return typeof d._rev === 'string' ? [d._rev] : [];
}

/** The latest revision in the history of every live leaf (read with `revs: true`), if their histories reach one. */
export function commonAncestor(leaves: Json[]): string | undefined {
  const live = leaves.filter((l) => l._deleted !== true && typeof l._rev === 'string');
  if (live.length < 2) return undefined;
  const rest = live.slice(1).map((l) => new Set(historyOf(l)));
  return historyOf(live[0]!).find((rev) => rest.every((h) => h.has(rev)));
}

/**
 * The revisions that resolve a document's live leaves (at least two), or null when there is
 * nothing to merge. `base`: the body of their common ancestor (commonAncestor), when there is one.
 */
export function mergeRevisions(leaves: Json[], base?: Json): Json[] | null {
  const live = leaves.filter((l) => l._deleted !== true && typeof l._rev === 'string');
  if (live.length < 2) return null;
  live.sort((a, b) => couchOrder(String(a._rev), String(b._rev)));
  const winner = live[live.length - 1]!;
  const id = String(winner._id);
  const b = base && base._deleted !== true && typeof base._rev === 'string' ? content(base) : undefined;
  // Against one base every step is a three-way merge: what the merged leaves changed from it, and what this leaf did.
  let merged = content(live[0]!);
  for (const leaf of live.slice(1)) merged = mergeWithClocks(b, merged, content(leaf)).doc as Json;
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
  // Without a base the id is the one merges had before there was one (already merged trees stay as they are).
  const hash = md5(`server-merge\u0000${id}\u0000${revs.join('\u0000')}${b ? `\u0000base\u0000${String(base!._rev)}` : ''}`);
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
 * caller passes the ones its changes feed showed with more than one leaf), against their common
 * ancestor when its body is still kept here or in one of `elsewhere`'s databases. Answers the ids merged.
 */
export async function mergeConflicts(db: StoreDb, ids: string[], elsewhere?: () => Promise<StoreDb[]>): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = ((await db.allDocs({ keys: ids, include_docs: true, conflicts: true })) as { rows: { key: string; doc?: Json | null }[] }).rows;
  const want: { id: string; rev: string }[] = [];
  for (const r of rows) {
    if (!r.doc || r.doc._deleted === true || !Array.isArray(r.doc._conflicts) || r.doc._conflicts.length === 0) continue;
    for (const rev of [String(r.doc._rev), ...(r.doc._conflicts as string[])]) want.push({ id: r.key, rev });
  }
  if (want.length === 0) return [];
  // Every leaf with its history (`revs`), for the common ancestor.
  const leaves = await bodies(db, want, true);
  const ancestors = new Map<string, string>();
  for (const [id, ls] of leaves) {
    const rev = commonAncestor(ls);
    if (rev) ancestors.set(id, rev);
  }
  const bases = new Map<string, Json>();
  for (const [id, [d]] of await bodies(db, [...ancestors].map(([id, rev]) => ({ id, rev })), false)) bases.set(id, d!);
  const lacking = [...ancestors].filter(([id]) => !bases.has(id)).map(([id, rev]) => ({ id, rev }));
  if (lacking.length && elsewhere) {
    for (const other of await elsewhere()) {
      const left = lacking.filter((x) => !bases.has(x.id));
      if (left.length === 0) break;
      if (other.name === db.name) continue;
      for (const [id, [d]] of await bodies(other, left, false)) bases.set(id, d!);
    }
  }
  const docs: Json[] = [];
  const merged: string[] = [];
  for (const [id, ls] of leaves) {
    // No base body (compacted, or never held): merged without base, as before there was one.
    const revs = mergeRevisions(ls, bases.get(id));
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

/** The bodies `db` still keeps of the given revisions, per document (a revision compacted or unknown there is left out). */
async function bodies(db: StoreDb, want: { id: string; rev: string }[], revs: boolean): Promise<Map<string, Json[]>> {
  const out = new Map<string, Json[]>();
  if (want.length === 0) return out;
  const asked = new Set(want.map((w) => `${w.id}\u0000${w.rev}`));
  const got = (await db.bulkGet(want, { revs })) as { results: { id: string; docs: { ok?: Json }[] }[] };
  for (const res of got.results) {
    for (const { ok } of res.docs) {
      // Only the asked revision: a compatible server answering another would give a wrong base.
      if (!ok || typeof ok._rev !== 'string' || !asked.has(`${res.id}\u0000${ok._rev}`)) continue;
      out.set(res.id, [...(out.get(res.id) ?? []), ok]);
    }
  }
  return out;
}
