import { collectLeaves } from 'pouchdb-merge';
import { purgeStubRev } from '../purge';
import { bulkDocs } from './log-bulk-docs';
import type { CommitQueue } from './log-commit';
import type { LogFile } from './log-file';
import { allRevs, cloneTree, eraseRevs } from './log-meta';
import type { LogState } from './log-state';

/**
 * CouchDB's `_purge`, as the LevelDB store does it (see ../purge.ts): a data-free deletion on
 * top of each purged leaf so replicas learn of it, then the bodies of every other revision of
 * the document are erased (an "e" record; compaction drops them from the file).
 */
export async function purge(state: LogState, commits: CommitQueue, docs: Record<string, string[]>, onChange: () => void): Promise<Record<string, string[]>> {
  const purged: Record<string, string[]> = {};
  for (const [id, wanted] of Object.entries(docs)) {
    const m = state.docs.get(id);
    if (!m) {
      purged[id] = [];
      continue;
    }
    const all = wanted.length === 0 || wanted.includes('*');
    const leaves = collectLeaves(m.tree).map((l) => l.rev);
    const isStub = (l: string) => leaves.length > 0 && allRevs(m.tree).some((r) => parseInt(r, 10) === parseInt(l, 10) - 1 && purgeStubRev(id, r) === l);
    const targets = leaves.filter((l) => !isStub(l) && (all || wanted.includes(l)));
    const stubs = targets.map((leaf) => {
      const [pos, hash] = purgeStubRev(id, leaf).split('-') as [string, string];
      return { _id: id, _rev: `${pos}-${hash}`, _deleted: true, purged: true, _revisions: { start: Number(pos), ids: [hash, leaf.slice(leaf.indexOf('-') + 1)] } };
    });
    if (stubs.length) await bulkDocs(commits, stubs, false);
    const after = state.docs.get(id)!;
    const keep = new Set(collectLeaves(after.tree).map((l) => l.rev).filter((l) => !targets.includes(l)));
    const erase = [...after.bodies.keys()].filter((r) => !keep.has(r));
    if (erase.length) await eraseBodies(commits, id, erase);
    purged[id] = targets;
  }
  if (Object.values(purged).some((r) => r.length)) onChange();
  return purged;
}

function eraseBodies(commits: CommitQueue, id: string, revs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    commits.enqueue({
      kind: 'write',
      compute: (stage) => {
        const m = stage.meta(id);
        if (!m) return [];
        eraseRevs(m, revs);
        return [`["e",${JSON.stringify(id)},${JSON.stringify(revs)}]`];
      },
      settle: (err) => (err ? reject(err) : resolve()),
    });
  });
}

/** CouchDB's `_compact`: bodies of non-leaf revisions go, and the file is rewritten without them. */
export function compact(state: LogState, commits: CommitQueue, file: LogFile): Promise<void> {
  return new Promise((resolve, reject) => {
    commits.enqueue({
      kind: 'exclusive',
      resolve,
      reject,
      run: async () => {
        const docs = [...state.docs.values()];
        const lines = function* (db: LogState): Generator<string> {
          yield `[["h",${db.seq}]]`;
          let batch: string[] = [];
          for (const m of docs) {
            const leaves = new Set(collectLeaves(m.tree).map((l) => l.rev));
            const old = [...m.bodies.keys()].filter((r) => !leaves.has(r));
            const next = old.length ? eraseRevs({ ...m, tree: cloneTree(m.tree), bodies: new Map(m.bodies) }, old) : m;
            const bodies = [...next.bodies].map(([r, b]) => `${JSON.stringify(r)}:${b}`).join(',');
            batch.push(`["f",${JSON.stringify(m.id)},${m.seq},${JSON.stringify(next.tree)},{${bodies}}]`);
            if (batch.length >= 500) {
              yield `[${batch.join(',')}]`;
              batch = [];
            }
          }
          for (const [id, l] of db.locals) batch.push(`["l",${JSON.stringify(id)},${JSON.stringify(l.rev)},${l.body}]`);
          if (batch.length) yield `[${batch.join(',')}]`;
        };
        await file.rewrite(lines(state));
        // Only after the new file is in place does memory drop the old bodies.
        for (const m of docs) {
          const leaves = new Set(collectLeaves(m.tree).map((l) => l.rev));
          const old = [...m.bodies.keys()].filter((r) => !leaves.has(r));
          if (old.length) eraseRevs(m, old);
        }
      },
    });
  });
}
