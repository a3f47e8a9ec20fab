import { withdrawConsent, type Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';

export type ErasureOutcome = 'requested' | 'pending';

/**
 * "Toestemming ingetrokken": records the withdrawal on the candidate first (evidence, and the
 * flag stays visible if the erasure cannot happen now), then asks the server to erase the person
 * everywhere (`POST /_regiodesk/erase`). Only a supervisor may erase; for anyone else, or while
 * offline, the request stays 'pending' on the record, where the supervisor's retention and
 * erasure screens find it. After an accepted erasure the laptop drops the person at its next
 * sync (features/privacy/erasure-sync.ts).
 */
export async function withdrawAndRequestErasure(
  db: RegiodeskDatabase,
  candidateId: string,
  user: string,
  server: string,
  fetchFn: typeof fetch,
  now: Date = new Date(),
): Promise<ErasureOutcome> {
  const doc = await db.candidates.findOne(candidateId).exec();
  if (!doc) throw new Error('not found');
  const at = now.toISOString();
  if (!(doc.toJSON() as Candidate).consent.withdrawnAt) {
    await doc.incrementalModify((c) => ({ ...c, consent: withdrawConsent(c.consent, at, user), updatedAt: at, updatedBy: user }));
    markLocalChange(candidateId);
  }
  return requestErasure(candidateId, server, fetchFn);
}

/** Sends (or re-sends) the erasure request; never throws for a refusal or a lost connection. */
export async function requestErasure(candidateId: string, server: string, fetchFn: typeof fetch): Promise<ErasureOutcome> {
  try {
    const res = await fetchFn(`${server.replace(/\/+$/, '')}/_regiodesk/erase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ candidateId }),
    });
    return res.ok ? 'requested' : 'pending';
  } catch {
    return 'pending';
  }
}
