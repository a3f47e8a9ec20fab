import { useEffect, useMemo, useState } from 'react';
import type { Candidate, Note } from '../../../shared';
import { noteTextByCandidate } from './noteText';
import type { RegiodeskDatabase } from '../../db/database';
import { searchFor } from './searchIndex';

/** Waits for a quiet moment of the page (an idle callback where there is one). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    const ric = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number }).requestIdleCallback;
    if (ric) ric(() => resolve(), { timeout: 100 });
    else setTimeout(resolve, 0);
  });
}

/**
 * Keeps the search index in step with the local store (candidates and their note text) and answers the query: ids best first,
 * or null when there is no query. The index is built in the background, a chunk per idle moment,
 * as soon as every candidate is loaded, so neither opening the list nor the first keystroke pays
 * for it; a query typed before it is complete searches what is indexed so far and is refreshed
 * when the build finishes.
 */
export function useSearchResults(db: RegiodeskDatabase | null, docs: readonly Candidate[] | null, query: string): string[] | null {
  const [version, setVersion] = useState(0);
  const active = query.trim().length > 0;
  useEffect(() => {
    if (!db || !docs) return;
    let stale = false;
    void searchFor(db)
      .syncGradually(docs, idle, () => stale)
      .then((changed) => {
        if (!stale && changed) setVersion((v) => v + 1);
      });
    return () => {
      stale = true;
    };
  }, [db, docs]);
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
