import { traverseRevTree, type RevNode, type RevTree } from 'pouchdb-merge';
import type { Json } from '../types';

/** One document: its revision tree, winner and the bodies (JSON text) of the revisions that still have one. */
export interface Meta {
  id: string;
  tree: RevTree;
  winner: string;
  deleted: boolean;
  seq: number;
  bodies: Map<string, string>;
  /** The winner's `type` field and the body text it was read from (log-kind.ts). */
  type?: unknown;
  typeBody?: string;
}

export interface Local {
  rev: string;
  body: string;
}

const cloneNode = (n: RevNode): RevNode => [n[0], { ...n[1] }, n[2].map(cloneNode)];
export const cloneTree = (t: RevTree): RevTree => t.map((b) => ({ pos: b.pos, ids: cloneNode(b.ids) }));

export function winnerOf(tree: RevTree): { rev: string; deleted: boolean } {
  // PouchDB's rule (pouchdb-merge winningRev): a live leaf before a deleted one, then the
  // longest path, then the highest revision id.
  let best: { pos: number; hash: string; deleted: boolean } | null = null;
  traverseRevTree(tree, (isLeaf, pos, hash, _ctx, opts) => {
    if (!isLeaf) return;
    const del = !!opts.deleted;
    if (!best || (best.deleted !== del ? best.deleted : best.pos !== pos ? best.pos < pos : best.hash < hash)) best = { pos, hash, deleted: del };
  });
  const b = best as { pos: number; hash: string; deleted: boolean } | null;
  return b ? { rev: `${b.pos}-${b.hash}`, deleted: b.deleted } : { rev: '0-0', deleted: true };
}

/** A document's JSON text from its stored body text (no parse): `_id`, `_rev`, `_deleted`, then the body's fields. */
export function docText(id: string, rev: string, body: string, deleted: boolean): string {
  const head = `{"_id":${JSON.stringify(id)},"_rev":${JSON.stringify(rev)}${deleted ? ',"_deleted":true' : ''}`;
  return body.length > 2 ? `${head},${body.slice(1)}` : `${head}}`;
}

/** A document from its stored body text, with one JSON.parse (callers may change what they get). */
export function materialize(id: string, rev: string, body: string, deleted: boolean): Json {
  return JSON.parse(docText(id, rev, body, deleted)) as Json;
}

export function allRevs(tree: RevTree): string[] {
  const out: string[] = [];
  traverseRevTree(tree, (_l, pos, hash) => {
    out.push(`${pos}-${hash}`);
  });
  return out;
}

/** Marks `revs` as having no body (PouchDB's compaction marks them `missing` the same way). */
export function eraseRevs(m: Meta, revs: string[]): Meta {
  const set = new Set(revs);
  traverseRevTree(m.tree, (_l, pos, hash, _ctx, o) => {
    if (set.has(`${pos}-${hash}`)) o.status = 'missing';
  });
  for (const r of revs) m.bodies.delete(r);
  return m;
}
