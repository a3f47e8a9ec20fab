import type { Json, StoreDb } from '../store/types';

/** A purge's data-free deletion (store/purge.ts, store/leave-deletions.ts). */
export const isPurgeStub = (doc: Json | undefined) => !!doc && doc._deleted === true && doc.purged === true;

/** Copies the given leaf revisions (with their histories) from `source` that `target` lacks. */
export async function copyLeaves(source: StoreDb, target: StoreDb, wanted: Map<string, string[]>): Promise<void> {
  const diff = (await target.revsDiff(Object.fromEntries(wanted))) as Record<string, { missing: string[] }>;
  const need = Object.entries(diff).flatMap(([id, d]) => d.missing.map((rev) => ({ id, rev })));
  if (need.length === 0) return revive(source, target, [...wanted.keys()]);
  const got = (await source.bulkGet(need, { revs: true })) as { results: { docs: { ok?: Json }[] }[] };
  const docs = got.results.flatMap((r) => r.docs.flatMap((d) => (d.ok ? [d.ok] : [])));
  if (docs.length) await target.bulkDocs(docs, false);
  await revive(source, target, [...wanted.keys()]);
}

/**
 * A document purged from a region (unlinked) keeps its old revisions there as data-free
 * history, so copying them again changes nothing. When such a region is linked again, a new
 * revision (same content) is written in `source`; it is a descendant of the purged one and wins over
 * the purge everywhere once fanned out.
 */
async function revive(source: StoreDb, target: StoreDb, ids: string[]): Promise<void> {
  const rows = ((await target.allDocs({ keys: ids })) as { rows: { key: string; value?: { rev: string; deleted?: boolean } }[] }).rows;
  const dead = rows.flatMap((r) => (r.value?.deleted ? [{ id: r.key, rev: r.value.rev }] : []));
  if (dead.length === 0) return;
  const there = (await target.bulkGet(dead, {})) as { results: { id: string; docs: { ok?: Json }[] }[] };
  const purged = there.results.filter((r) => r.docs.some((d) => isPurgeStub(d.ok))).map((r) => r.id);
  if (purged.length === 0) return;
  const here = ((await source.allDocs({ keys: purged, include_docs: true })) as { rows: { doc?: Json | null }[] }).rows;
  const alive = here.flatMap((r) => (r.doc && r.doc._deleted !== true ? [r.doc] : []));
  if (alive.length) await source.bulkDocs(alive, true);
}
