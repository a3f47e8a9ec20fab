import { useLiveRows } from '../../app/liveQuery';
import type { Note, Referral } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** The candidate's notes and comments on this device, live. */
export function useCandidateNotes(db: RegiodeskDatabase | null, candidateId: string): Note[] | null {
  return useLiveRows<Note>(db ? () => db.notes.find({ selector: { candidateId } }) : null, [db, candidateId]);
}

/** The candidate's links, referrals and transfers on this device, live. */
export function useCandidateReferrals(db: RegiodeskDatabase | null, candidateId: string): Referral[] | null {
  return useLiveRows<Referral>(db ? () => db.referrals.find({ selector: { candidateId } }) : null, [db, candidateId]);
}
