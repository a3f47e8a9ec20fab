import type { Registration } from '../../../shared';

export interface EventSyncSummary {
  registrations: number;
  registrationsWaiting: number;
  newCandidates: number;
  newCandidatesWaiting: number;
}

/**
 * What of one activity has reached the server: its registrations (cancelled ones left out) and the
 * people registered at the door, against the ids still waiting to be sent from this device.
 */
export function eventSyncSummary(regs: readonly Registration[], pending: ReadonlySet<string>): EventSyncSummary {
  const live = regs.filter((r) => r.status !== 'cancelled');
  const fresh = live.filter((r) => r.newCandidate);
  return {
    registrations: live.length,
    registrationsWaiting: live.filter((r) => pending.has(r.id)).length,
    newCandidates: fresh.length,
    newCandidatesWaiting: fresh.filter((r) => pending.has(r.candidateId)).length,
  };
}
