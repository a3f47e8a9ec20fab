import type { Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { useCandidates } from './hooks';

/**
 * Every candidate on this device, live, as the store's own immutable document data. No copies:
 * an unchanged candidate is the same object in every emission, so per-document caches (sort
 * keys, the search index) only redo the documents that really changed. With 100,000 candidates
 * this is the difference between a copy of everything per change and a pointer per document.
 * Served from the one keyed cache (candidateCache.ts) every screen shares; null until all are loaded.
 */
export function useCandidateDocs(db: RegiodeskDatabase | null): readonly Candidate[] | null {
  return useCandidates(db);
}
