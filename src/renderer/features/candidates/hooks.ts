import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { candidateCacheFor, type CandidateCache } from './candidateCache';

const noop = () => () => {};

/**
 * The device's candidate cache (see candidateCache.ts), re-rendering on every change. `first`
 * runs only if this call creates the cache: the list passes its first-page read there.
 */
export function useCandidateCache(db: RegiodeskDatabase | null, first?: (cache: CandidateCache) => Promise<void>): CandidateCache | null {
  const [cache, setCache] = useState<CandidateCache | null>(null);
  useEffect(() => {
    setCache(db ? candidateCacheFor(db, first) : null);
    // `first` only matters on the first call for a database.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db]);
  useSyncExternalStore(cache ? (fn) => cache.subscribe(fn) : noop, () => cache?.version ?? -1);
  return cache;
}

/** Every candidate on this device, live, once all are loaded (null until then). Shares the one cache. */
export function useCandidates(db: RegiodeskDatabase | null): readonly Candidate[] | null {
  const cache = useCandidateCache(db);
  return cache?.full ? cache.all() : null;
}

/** One candidate, live; undefined while loading, null when it does not exist (or was deleted). */
export function useCandidate(db: RegiodeskDatabase | null, id: string): Candidate | null | undefined {
  const [doc, setDoc] = useState<Candidate | null | undefined>(undefined);
  useEffect(() => {
    if (!db) return;
    const sub = db.candidates.findOne(id).$.subscribe((d) => setDoc(d ? (d.toJSON() as Candidate) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return doc;
}
