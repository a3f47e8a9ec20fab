import { useEffect, useState } from 'react';
import type { Note, Referral } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** The candidate's notes and comments on this device, live. */
export function useCandidateNotes(db: RegiodeskDatabase | null, candidateId: string): Note[] | null {
  const [rows, setRows] = useState<Note[] | null>(null);
  useEffect(() => {
    if (!db) return;
    const sub = db.notes.find({ selector: { candidateId } }).$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Note)));
    return () => sub.unsubscribe();
  }, [db, candidateId]);
  return rows;
}

/** The candidate's links, referrals and transfers on this device, live. */
export function useCandidateReferrals(db: RegiodeskDatabase | null, candidateId: string): Referral[] | null {
  const [rows, setRows] = useState<Referral[] | null>(null);
  useEffect(() => {
    if (!db) return;
    const sub = db.referrals.find({ selector: { candidateId } }).$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Referral)));
    return () => sub.unsubscribe();
  }, [db, candidateId]);
  return rows;
}
