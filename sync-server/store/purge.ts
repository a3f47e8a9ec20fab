import { createHash } from 'node:crypto';

/**
 * `_purge` for the embedded store. PouchDB 9's LevelDB adapter has no `_purge` (only its
 * IndexedDB adapters do), so it is done here with two things the adapter does have:
 * 1. on top of every purged leaf a data-free deletion revision `{_deleted: true, purged: true}`
 *    with a deterministic revision id (the same on every server that purges the same leaf), so
 *    that replicas (laptops) learn through `_changes` that the document is gone;
 * 2. the adapter's per-document compaction, which deletes the stored body of every other
 *    revision of the document, leaves included.
 * Afterwards no API returns a byte of the purged revisions (GET with `rev`, `open_revs`,
 * `_changes`, `_all_docs`, `_bulk_get` all find nothing but the empty deletion); the revision
 * ids stay in the tree, so a replicator that still holds them is told "already there" instead of
 * resurrecting them. LevelDB frees the deleted values from its files at its next compaction.
 */

type RevTreeNode = [string, { status?: string; deleted?: boolean }, RevTreeNode[]];
type RevTree = { pos: number; ids: RevTreeNode }[];

interface PouchInternals {
  _getRevisionTree(id: string, cb: (err: unknown, tree?: RevTree) => void): void;
  _doCompaction(id: string, revs: string[], cb: (err?: unknown) => void): void;
  bulkDocs(docs: object[], opts: { new_edits: boolean }): Promise<unknown[]>;
}

interface Rev {
  rev: string;
  leaf: boolean;
  available: boolean;
}

function walk(tree: RevTree): Rev[] {
  const out: Rev[] = [];
  const visit = (pos: number, [hash, opts, children]: RevTreeNode) => {
    out.push({ rev: `${pos}-${hash}`, leaf: children.length === 0, available: opts.status !== 'missing' });
    for (const c of children) visit(pos + 1, c);
  };
  for (const root of tree) visit(root.pos, root.ids);
  return out;
}

function revisionTree(db: PouchInternals, id: string): Promise<RevTree | undefined> {
  return new Promise((resolve) => db._getRevisionTree(id, (err, t) => resolve(err ? undefined : t)));
}

/** The revision of the data-free deletion written on top of `leaf`. */
export function purgeStubRev(id: string, leaf: string): string {
  const pos = Number(leaf.slice(0, leaf.indexOf('-')));
  return `${pos + 1}-${createHash('md5').update(`purged\u0000${id}\u0000${leaf}`).digest('hex')}`;
}

/**
 * Purges the given leaf revisions of each document (CouchDB's `_purge` body); `'*'` or an empty
 * list purges every leaf. Answers what was purged, in CouchDB's shape.
 */
export async function purgeEmbedded(pouch: unknown, docs: Record<string, string[]>): Promise<Record<string, string[]>> {
  const db = pouch as PouchInternals;
  const purged: Record<string, string[]> = {};
  for (const [id, wanted] of Object.entries(docs)) {
    const tree = await revisionTree(db, id);
    if (!tree) {
      purged[id] = [];
      continue;
    }
    const revs = walk(tree);
    const all = wanted.length === 0 || wanted.includes('*');
    // A leaf that is already a purge stub needs nothing more.
    const live = revs.filter((r) => r.leaf && !isStubOfParent(id, r.rev, revs)).map((r) => r.rev);
    const targets = live.filter((l) => all || wanted.includes(l));
    const stubs = targets.map((leaf) => {
      const [pos, hash] = purgeStubRev(id, leaf).split('-') as [string, string];
      return { _id: id, _rev: `${pos}-${hash}`, _deleted: true, purged: true, _revisions: { start: Number(pos), ids: [hash, leaf.slice(leaf.indexOf('-') + 1)] } };
    });
    if (stubs.length) await db.bulkDocs(stubs, { new_edits: false });
    const after = walk((await revisionTree(db, id))!);
    // Keep the bodies of the leaves nobody asked to purge (the stubs are such leaves); erase the rest.
    const keep = new Set(after.filter((r) => r.leaf && !targets.includes(r.rev)).map((r) => r.rev));
    const erase = after.filter((r) => r.available && !keep.has(r.rev)).map((r) => r.rev);
    if (erase.length) await new Promise<void>((resolve, reject) => db._doCompaction(id, erase, (err) => (err ? reject(err) : resolve())));
    purged[id] = targets;
  }
  return purged;
}

/** Whether leaf `l` is a purge stub written on top of its parent. */
function isStubOfParent(id: string, l: string, revs: Rev[]): boolean {
  const pos = Number(l.slice(0, l.indexOf('-')));
  return revs.some((r) => Number(r.rev.slice(0, r.rev.indexOf('-'))) === pos - 1 && purgeStubRev(id, r.rev) === l);
}
