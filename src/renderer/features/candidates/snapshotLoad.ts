import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';
import type { Candidate } from '../../../shared';
import { dataKeyOf, type RegiodeskDatabase } from '../../db/database';
import type { CandidateCache } from './candidateCache';
import { internCandidate } from './intern';
import { dropSnapshot, readSnapshot, writeSnapshot } from './listSnapshot';
import { progress } from '../../sync/progress';

type StoredDoc = Candidate & { _meta?: { lwt?: number }; _deleted?: boolean };

/** Changes read per storage call when catching up with the store. */
const CATCH_UP_PAGE = 2000;
/** Past this many changes since the snapshot, reading the whole store is about as cheap: fall back. */
const catchUpLimit = (count: number) => Math.max(5000, count >> 1);
/** Quiet time after the last change before the snapshot is written again. */
export const SNAPSHOT_SETTLE_MS = 5000;
/**
 * While a sync cycle runs the snapshot is not written (a large pull changes the list every few
 * seconds, and each write seals the whole list again: 3 % of the page's time in an initial sync of
 * 5,300 candidates in Chromium, growing with the list); at most this long, so a sync that never
 * goes idle still gets its snapshot.
 */
export const SNAPSHOT_MAX_DEFER_MS = 120_000;
const syncRunning = () => progress.getState().current !== null;

export interface SnapshotOptions {
  /** IndexedDB to keep the snapshot in; the page's own by default, fake-indexeddb in Node tests. Null: no snapshot. */
  idb?: IDBFactory | null;
  settleMs?: number;
  /** Most changes since the snapshot worth catching up with (default: half the snapshot, at least 5,000). */
  catchUpLimit?: number;
}

const factoryOf = (opts: SnapshotOptions): IDBFactory | null => (opts.idb !== undefined ? opts.idb : typeof indexedDB === 'undefined' ? null : indexedDB);

/** 'snapshot' and 'current': the cache is full ('current': and the snapshot needs no rewrite). */
export type SnapshotOutcome = 'snapshot' | 'current' | 'none' | 'unreadable' | 'stale' | 'mismatch' | 'failed';

/**
 * Fills the cache from the list's snapshot plus the store's changes since it was written.
 * Answers 'snapshot' when the cache is now full; anything else leaves the cache untouched and
 * the caller reads the whole store. The snapshot's candidates never reach the cache unchecked:
 * every change since its checkpoint is applied first (deletions included), and the result must
 * hold exactly as many candidates as the store. A candidate purged from the store (erasure, a
 * region taken away: `cleanup(0)` leaves no deletion to find) would make the cache hold more,
 * so a purge the snapshot has not seen always ends in the full read, never in a stale row.
 */
export async function loadFromSnapshot(db: RegiodeskDatabase, cache: CandidateCache, opts: SnapshotOptions = {}): Promise<SnapshotOutcome> {
  const key = dataKeyOf(db);
  const factory = factoryOf(opts);
  if (!key || !factory) return 'none';
  performance.mark?.('regiodesk:snapshot:read-start');
  const snap = await readSnapshot(db.name, key, db.candidates.schema.version, factory);
  performance.mark?.('regiodesk:snapshot:read-end');
  if (!snap) return snap === null ? 'unreadable' : 'none';
  const byId = new Map<string, StoredDoc>();
  for (const d of snap.docs as StoredDoc[]) {
    internCandidate(d);
    byId.set(d.id, d);
  }
  const storage = db.candidates.storageInstance as unknown as RxStorageInstance<StoredDoc, unknown, unknown>;
  const limit = opts.catchUpLimit ?? catchUpLimit(snap.docs.length);
  let checkpoint: { id: string; lwt: number } = { id: typeof snap.checkpoint.id === 'string' ? snap.checkpoint.id : '', lwt: snap.checkpoint.lwt };
  let seen = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(storage, CATCH_UP_PAGE, checkpoint);
    for (const d of page.documents) {
      const before = byId.get(d.id);
      // A document the snapshot already holds in this version is no change (e.g. an old checkpoint without id).
      if (d._deleted ? !before : before?._meta?.lwt === d._meta?.lwt) continue;
      if (d._deleted) byId.delete(d.id);
      else byId.set(d.id, d);
      seen++;
    }
    if (seen > limit) return 'stale';
    if (page.documents.length < CATCH_UP_PAGE) break;
    checkpoint = page.checkpoint as { id: string; lwt: number };
  }
  const stored = await db.candidates.count().exec();
  performance.mark?.('regiodesk:snapshot:checked');
  if (stored !== byId.size) {
    // Something was purged since: the old snapshot must not outlive it at rest either.
    await dropSnapshot(db.name, factory);
    return 'mismatch';
  }
  cache.fill(Array.from(byId.values()));
  return seen ? 'snapshot' : 'current';
}

/**
 * Keeps the snapshot current: once the cache is full (unless `current`), and again after every change once the
 * changes have settled for `settleMs`, the cache's candidates are sealed and stored in the
 * background (chunk by chunk). Answers a function that stops it.
 */
export function keepSnapshot(db: RegiodeskDatabase, cache: CandidateCache, opts: SnapshotOptions & { current?: boolean } = {}): () => void {
  const key = dataKeyOf(db);
  const factory = factoryOf(opts);
  const settle = opts.settleMs ?? SNAPSHOT_SETTLE_MS;
  if (!key || !factory) return () => {};
  // A snapshot just loaded with no change since is what the store holds: no rewrite for it.
  let written = opts.current ? cache.version : -1;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing = false;
  let stopped = false;
  let deferredSince: number | null = null;
  const write = async () => {
    timer = null;
    if (stopped || !cache.full || cache.version === written || db.closed) return;
    if (writing) return schedule();
    if (syncRunning() && (deferredSince ??= Date.now()) > Date.now() - SNAPSHOT_MAX_DEFER_MS) return schedule();
    deferredSince = null;
    writing = true;
    const version = cache.version;
    try {
      await writeSnapshot(db.name, key, db.candidates.schema.version, cache.all(), factory);
      written = version;
    } catch {
      // Storage full or blocked: the next start reads the store as before.
    } finally {
      writing = false;
    }
    if (cache.version !== written) schedule();
  };
  function schedule() {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
      if (idle) idle(() => void write(), { timeout: 10_000 });
      else void write();
    }, settle);
  }
  const unsubscribe = cache.subscribe(schedule);
  if (cache.full) schedule();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
