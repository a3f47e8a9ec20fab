import { useEffect, useState } from 'react';
import type { Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/**
 * Every candidate on this device, live, as the store's own immutable document data. No copies:
 * an unchanged candidate is the same object in every emission, so per-document caches (sort
 * keys, the search index) only redo the documents that really changed. With 100,000 candidates
 * this is the difference between a copy of everything per change and a pointer per document.
 */
export function useCandidateDocs(db: RegiodeskDatabase | null): readonly Candidate[] | null {
  const [rows, setRows] = useState<readonly Candidate[] | null>(null);
  useEffect(() => {
    if (!db) return;
    const sub = db.candidates.find().$.subscribe((docs) => setRows(docs.map((d) => d._data as unknown as Candidate)));
    return () => sub.unsubscribe();
  }, [db]);
  return rows;
}
