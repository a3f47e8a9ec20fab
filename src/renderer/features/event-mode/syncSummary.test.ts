import { describe, expect, it } from 'vitest';
import type { Registration } from '../../../shared';
import { eventSyncSummary } from './syncSummary';

const reg = (candidateId: string, over: Partial<Registration> = {}) => ({ id: `${candidateId}:r:a1`, candidateId, status: 'attended', newCandidate: false, ...over }) as Registration;

describe("an event's sync summary", () => {
  it('counts registrations and new people, and which of them still wait for the server', () => {
    const regs = [reg('a', { newCandidate: true }), reg('b', { newCandidate: true }), reg('c'), reg('d', { status: 'cancelled' })];
    expect(eventSyncSummary(regs, new Set(['b', 'b:r:a1', 'c:r:a1', 'd:r:a1']))).toEqual({ registrations: 3, registrationsWaiting: 2, newCandidates: 2, newCandidatesWaiting: 1 });
    expect(eventSyncSummary(regs, new Set())).toEqual({ registrations: 3, registrationsWaiting: 0, newCandidates: 2, newCandidatesWaiting: 0 });
  });
});
