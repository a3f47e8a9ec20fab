import type { Candidate, Phase } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { internCandidate } from './intern';
import { keepSnapshot, loadFromSnapshot, type SnapshotOptions, type SnapshotOutcome } from './snapshotLoad';

type Listener = () => void;
/** The store's document data carries its write time in `_meta.lwt`; newer wins when a load and a change race. */
type StoredDoc = Candidate & { _meta?: { lwt?: number } };

const lwtOf = (d: StoredDoc) => d._meta?.lwt ?? 0;

/**
 * Every candidate on this device, kept once, keyed by id, as the store's own immutable document
 * data (no RxDocuments, no toJSON copies). It is filled in two steps: a small first page that the
 * list can show at once, then the full set in chunks in the background. After that it follows the
 * collection's change events one document at a time, so a change never re-reads or re-creates the
 * other 100,000 objects; an unchanged candidate stays the same object, so per-document caches
 * (sort keys, the search index) only redo what changed.
 */
export class CandidateCache {
  private readonly byId = new Map<string, StoredDoc>();
  private snapshot: readonly Candidate[] | null = null;
  private readonly listeners = new Set<Listener>();
  /** Changes seen while the full load runs; applied after it, newest write wins. */
  private pending: Array<{ id: string; doc: StoredDoc | null }> | null = [];
  /** True once every stored candidate has been read. */
  full = false;
  /** Where the full set came from at this start (the list's snapshot or the store); for the benchmark and tests. */
  loadedFrom: string | null = null;
  /** Bumped on every change; lets React hooks tell snapshots apart cheaply. */
  version = 0;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Candidate | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** All candidates held now (a subset until `full`); the same array until something changes. */
  all(): readonly Candidate[] {
    return (this.snapshot ??= Array.from(this.byId.values()));
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Adds documents read from the store (first page or a chunk of the full load); never overwrites a newer one. */
  addLoaded(docs: readonly Candidate[]): void {
    let changed = false;
    for (const d of docs as readonly StoredDoc[]) {
      const before = this.byId.get(d.id);
      if (before && lwtOf(before) >= lwtOf(d)) continue;
      this.byId.set(d.id, d);
      changed = true;
    }
    if (changed) this.changed();
  }

  /** Change events (one write's bulk): the new data, or null when the candidate was deleted. One notification per bulk. */
  applyChanges(changes: ReadonlyArray<{ id: string; doc: Candidate | null }>): void {
    let changed = false;
    for (const { id, doc } of changes) {
      if (this.pending) this.pending.push({ id, doc: doc as StoredDoc | null });
      changed = this.put(id, doc as StoredDoc | null) || changed;
    }
    if (changed) this.changed();
  }

  /**
   * The full load is done: everything read goes in at once (one change for the list, so rows
   * already shown do not move chunk by chunk), then what changed meanwhile is replayed (a chunk
   * read before a change may have put the old data back).
   */
  fill(docs: readonly Candidate[]): void {
    for (const d of docs as readonly StoredDoc[]) {
      const before = this.byId.get(d.id);
      if (!before || lwtOf(before) < lwtOf(d)) this.byId.set(d.id, d);
    }
    const pending = this.pending ?? [];
    this.pending = null;
    for (const { id, doc } of pending) this.put(id, doc);
    this.full = true;
    this.changed();
  }

  private put(id: string, doc: StoredDoc | null): boolean {
    const before = this.byId.get(id);
    if (doc === null) {
      if (!before) return false;
      this.byId.delete(id);
    } else {
      if (before === doc || (before && lwtOf(before) > lwtOf(doc))) return false;
      this.byId.set(id, doc);
    }
    this.snapshot = null;
    return true;
  }

  private changed(): void {
    this.snapshot = null;
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

/**
 * Reads candidates straight from the storage instance: plain document data, without creating an
 * RxDocument per candidate or leaving a cached query holding them all.
 */
async function readRaw(db: RegiodeskDatabase, query: Parameters<RegiodeskDatabase['candidates']['find']>[0]): Promise<Candidate[]> {
  const prepared = db.candidates.find(query).getPreparedQuery();
  const res = await db.candidates.storageInstance.query(prepared);
  return res.documents as unknown as Candidate[];
}

/**
 * Reads every stored candidate in one storage query and hands the lot to the cache at once.
 * One read on purpose: paging by primary key ($gt + limit) measured far slower through the
 * encrypting storage wrapper (each page decrypted more than it returned), and the decryption is
 * synchronous either way; the first page is already on screen meanwhile.
 */
export async function loadAll(db: RegiodeskDatabase, cache: CandidateCache): Promise<void> {
  const docs = await readRaw(db, { selector: {}, sort: [{ id: 'asc' }] });
  // Fresh objects from the storage (not RxDB's document cache): their repeated strings are pooled.
  for (const d of docs) internCandidate(d);
  cache.fill(docs);
}

/** The candidates with these ids (e.g. the rows the list showed first last time), by primary key. */
export async function loadByIds(db: RegiodeskDatabase, cache: CandidateCache, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const docs = await db.candidates.storageInstance.findDocumentsById([...ids], false);
  cache.addLoaded(docs as unknown as Candidate[]);
}

/**
 * A bounded first page for a region and its phases, answered by the [ownerRegion, phase, …]
 * index: at most `limit` candidates per phase. The list sorts them in memory like the full set.
 */
export async function loadFirstPage(db: RegiodeskDatabase, cache: CandidateCache, region: string, phases: readonly Phase[], limit: number): Promise<void> {
  // The sort of the index ([_deleted, ownerRegion, phase, id]), so the index alone answers it.
  const sort = [{ ownerRegion: 'asc' }, { phase: 'asc' }, { id: 'asc' }] as never;
  const parts = phases.length ? phases : [null];
  const results = await Promise.all(
    parts.map((phase) => readRaw(db, { selector: phase ? { ownerRegion: region, phase } : { ownerRegion: region }, sort, limit })),
  );
  cache.addLoaded(results.flat());
}

/** Candidates per phase owned by the region, from the index (no documents read). */
export async function countPerPhase(db: RegiodeskDatabase, region: string, phases: readonly Phase[]): Promise<Record<string, number>> {
  const counts = await Promise.all(phases.map((phase) => db.candidates.count({ selector: { ownerRegion: region, phase } }).exec()));
  return Object.fromEntries(phases.map((p, i) => [p, counts[i]!]));
}

const caches = new WeakMap<object, CandidateCache>();

/**
 * The one cache per open database. The first call subscribes to the collection's changes and
 * starts the full load in the background; `first` (optional) runs before it, so the list's first
 * rows are read before the bulk of the store.
 */
export function candidateCacheFor(db: RegiodeskDatabase, first?: (cache: CandidateCache) => Promise<void>, snapshot: SnapshotOptions = {}): CandidateCache {
  let cache = caches.get(db);
  if (cache) return cache;
  const c = (cache = new CandidateCache());
  caches.set(db, c);
  // Subscribe before reading, so no change falls between the read and the subscription.
  db.candidates.eventBulks$.subscribe((bulk) =>
    c.applyChanges(bulk.events.map((ev) => ({ id: ev.documentId, doc: ev.operation === 'DELETE' ? null : (ev.documentData as unknown as Candidate) }))),
  );
  void (async () => {
    try {
      if (first) await first(c);
    } catch {
      // The first page is only a head start; the full load below still brings everything.
    }
    // The list's sealed snapshot plus the changes since; the full read when it cannot be trusted.
    let outcome: SnapshotOutcome = 'none';
    try {
      outcome = await loadFromSnapshot(db, c, snapshot);
    } catch (e) {
      outcome = 'failed';
      console.warn('list snapshot not used', e);
    }
    if (outcome !== 'snapshot' && outcome !== 'current') await loadAll(db, c);
    c.loadedFrom = outcome === 'current' || outcome === 'snapshot' ? 'snapshot' : `store (snapshot: ${outcome})`;
    performance.mark?.('regiodesk:candidates:full');
    keepSnapshot(db, c, { ...snapshot, current: outcome === 'current' });
  })();
  return c;
}
