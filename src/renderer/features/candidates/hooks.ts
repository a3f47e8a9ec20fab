import { useEffect, useState } from 'react';
import type { Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** Every candidate on this device, live: replication and local writes show up at once. */
export function useCandidates(db: RegiodeskDatabase | null): Candidate[] | null {
  const [rows, setRows] = useState<Candidate[] | null>(null);
  useEffect(() => {
    if (!db) return;
    const sub = db.candidates.find().$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Candidate)));
    return () => sub.unsubscribe();
  }, [db]);
  return rows;
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
