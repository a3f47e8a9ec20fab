import { useEffect, useMemo, useState } from 'react';
import type { Candidate, Note } from '../../../shared';
import { noteTextByCandidate } from './noteText';
import type { RegiodeskDatabase } from '../../db/database';
import { searchFor } from './searchIndex';

/**
 * Keeps the search index in step with the local store (candidates and their note text) and answers the query: ids best first,
 * or null when there is no query. Indexing waits until the first search, so opening the list
 * never pays for it.
 */
export function useSearchResults(db: RegiodeskDatabase | null, docs: readonly Candidate[] | null, query: string): string[] | null {
  const [version, setVersion] = useState(0);
  const active = query.trim().length > 0;
  useEffect(() => {
    if (!db || !docs || !active) return;
    if (searchFor(db).sync(docs) > 0) setVersion((v) => v + 1);
  }, [db, docs, active]);
  // Note text follows the notes collection while a search is active; only changed candidates are re-indexed.
  useEffect(() => {
    if (!db || !active) return;
    const sub = db.notes.find().$.subscribe((notes) => {
      const texts = noteTextByCandidate(notes.map((n) => n.toJSON() as Note));
      if (searchFor(db).syncExtraText(texts) > 0) setVersion((v) => v + 1);
    });
    return () => sub.unsubscribe();
  }, [db, active]);
  return useMemo(() => (db && active ? searchFor(db).search(query) : null), [db, query, active, version]);
}
