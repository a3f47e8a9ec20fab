import type { AllDocsOptions, Json } from './types';

/**
 * `_all_docs` with `keys` for the embedded store, without PouchDB's per-key range scan.
 *
 * PouchDB's LevelDB adapter answers each key with a document count (one LevelDB read) plus a
 * range stream (an iterator: create, next, end) over the document store. The fan-out and the
 * link check ask for hundreds of keys per batch, and in a profile of seeding 20,000 candidates
 * those iterators were a quarter of the server's CPU. Here each key costs one point read of its
 * revision tree, and, with `include_docs`, one `get` of the winning revision; the answer has
 * PouchDB's (and CouchDB's) shape: rows in key order, `{key, error: 'not_found'}` for a missing
 * id, `value.deleted` and `doc: null` for a deleted one.
 */
type RevTreeNode = [string, { status?: string; deleted?: boolean }, RevTreeNode[]];
type RevTree = { pos: number; ids: RevTreeNode }[];

export interface KeysPouch {
  _getRevisionTree(id: string, cb: (err: unknown, tree?: RevTree) => void): void;
  get(id: string, opts: { rev: string; conflicts?: boolean }): Promise<unknown>;
}

/** PouchDB's winning revision: a non-deleted leaf before a deleted one, then the longest path, then the highest id. */
export function winner(tree: RevTree): { rev: string; deleted: boolean } {
  let id = '';
  let pos = 0;
  let deleted = false;
  let found = false;
  const stack: { pos: number; node: RevTreeNode }[] = tree.map((t) => ({ pos: t.pos, node: t.ids }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [hash, opts, children] = item.node;
    if (children.length) {
      for (const c of children) stack.push({ pos: item.pos + 1, node: c });
      continue;
    }
    const del = !!opts.deleted;
    const better = !found || (deleted !== del ? deleted : pos !== item.pos ? pos < item.pos : id < hash);
    if (better) {
      found = true;
      id = hash;
      pos = item.pos;
      deleted = del;
    }
  }
  return { rev: `${pos}-${id}`, deleted };
}

/** Whether the fast path answers these options exactly as PouchDB would (else PouchDB does). */
export function keysLookupFits(opts: AllDocsOptions): opts is AllDocsOptions & { keys: string[] } {
  return (
    Array.isArray(opts.keys) &&
    opts.startkey === undefined &&
    opts.endkey === undefined &&
    opts.limit === undefined &&
    !opts.skip &&
    !opts.descending
  );
}

const isMissing = (e: unknown) => (e as { status?: unknown } | null)?.status === 404;

export async function allDocsByKeys(pouch: KeysPouch, opts: AllDocsOptions & { keys: string[] }, totalRows: () => Promise<number>): Promise<Json> {
  const treeOf = (id: string) =>
    new Promise<RevTree | null>((resolve, reject) =>
      pouch._getRevisionTree(id, (err, tree) => (err ? (isMissing(err) ? resolve(null) : reject(err)) : resolve(tree ?? null))),
    );
  const row = async (key: string, retries = 2): Promise<Json> => {
    const tree = typeof key === 'string' ? await treeOf(key) : null;
    if (!tree) return { key, error: 'not_found' };
    const win = winner(tree);
    if (win.deleted) return { id: key, key, value: { rev: win.rev, deleted: true }, doc: null }; // doc: null even without include_docs, as PouchDB
    const out: Json = { id: key, key, value: { rev: win.rev } };
    if (opts.include_docs) {
      try {
        out.doc = await pouch.get(key, { rev: win.rev, ...(opts.conflicts ? { conflicts: true } : {}) });
      } catch (e) {
        // Written or deleted between the two reads: answer with what a fresh read says.
        if (!isMissing(e) || retries === 0) throw e;
        return row(key, retries - 1);
      }
    }
    return out;
  };
  const [rows, total] = await Promise.all([Promise.all(opts.keys.map((k) => row(k))), totalRows()]);
  // PouchDB answers the skip it was given as offset (0 by default).
  return { offset: opts.skip ?? 0, total_rows: total, rows };
}
