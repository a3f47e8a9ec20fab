import {
  candidateSchema,
  CURRENT_CONSENT_VERSION,
  giveConsent,
  newCandidate,
  newRegistration,
  registrationId,
  registrationSchema,
  validate,
  type Candidate,
  type FieldErrors,
  type Registration,
} from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';

/** What the event-mode form holds; every field is text or a list, so a draft is plain JSON. */
export interface EventFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  sectors: string[];
  functions: string[];
  subjects: string[];
  consent: boolean;
}

export const EMPTY_EVENT_FORM: EventFormValues = { firstName: '', lastName: '', email: '', phone: '', sectors: [], functions: [], subjects: [], consent: false };

export const EVENT_CONSENT_VERSION = CURRENT_CONSENT_VERSION.event;

export interface EventContext {
  activityId: string;
  region: string;
  user: string;
  /** Kept for callers; the recorded purpose, text version and channel come from src/shared/consent.ts. */
  consentPurpose?: string;
  newId: () => string;
  now?: Date;
}

export type EventSaveResult =
  | { ok: true; registration: Registration; candidate: Candidate | null; checkedIn: boolean }
  | { ok: false; errors: FieldErrors };

/** Builds (without writing) the candidate and registration for a new person; validation of both. */
export function buildNewPerson(values: EventFormValues, ctx: EventContext): { ok: true; candidate: Candidate; registration: Registration } | { ok: false; errors: FieldErrors } {
  const now = (ctx.now ?? new Date()).toISOString();
  const errors: FieldErrors = {};
  if (!values.consent) errors.consent = 'consentRequired';
  if (!values.firstName.trim()) errors.firstName = 'required';
  if (!values.lastName.trim()) errors.lastName = 'required';
  const candidate = newCandidate(
    {
      firstName: values.firstName,
      lastName: values.lastName,
      email: values.email,
      phone: values.phone,
      sectors: values.sectors as Candidate['sectors'],
      functions: values.functions as Candidate['functions'],
      subjects: values.subjects as Candidate['subjects'],
      source: 'event',
      // Validation above guarantees the tick; the record comes from src/shared/consent.ts.
      consent: values.consent ? giveConsent('event', now) : { given: false, channel: 'event' },
      regions: [ctx.region],
      ownerRegion: ctx.region,
    },
    { id: ctx.newId(), user: ctx.user, now },
  );
  const c = validate(candidateSchema, candidate);
  if (!c.ok) for (const [f, m] of Object.entries(c.errors)) errors[f.split('.')[0]!] ??= m;
  if (Object.keys(errors).length > 0 || !c.ok) return { ok: false, errors };
  const registration = newRegistration(
    { candidateId: candidate.id, activityId: ctx.activityId, region: ctx.region, status: 'attended', channel: 'event', newCandidate: true },
    { user: ctx.user, now },
  );
  const r = validate(registrationSchema, registration);
  if (!r.ok) return { ok: false, errors: r.errors };
  return { ok: true, candidate: c.value, registration: r.value };
}

/**
 * Saves one person at the event: a new candidate (source `event`) with an attended
 * registration, or, for a known candidate, a registration (or the check-in of an existing one).
 * Local writes only; replication sends them whenever a network is there.
 */
export async function saveAtEvent(
  db: RegiodeskDatabase,
  values: EventFormValues,
  ctx: EventContext,
  attachTo: string | null,
): Promise<EventSaveResult> {
  if (attachTo) return { ...(await attendExisting(db, attachTo, ctx)), candidate: null };
  const built = buildNewPerson(values, ctx);
  if (!built.ok) return built;
  await Promise.all([db.candidates.insert(built.candidate), db.registrations.insert(built.registration)]);
  // Counted as waiting for the server until replication sends them (the event's sync summary).
  markLocalChange(built.candidate.id);
  markLocalChange(built.registration.id);
  return { ok: true, candidate: built.candidate, registration: built.registration, checkedIn: false };
}

/** Checks in a known candidate: marks an existing registration attended, or registers at the door. */
export async function attendExisting(db: RegiodeskDatabase, candidateId: string, ctx: EventContext): Promise<{ ok: true; registration: Registration; checkedIn: boolean }> {
  const now = (ctx.now ?? new Date()).toISOString();
  const existing = await db.registrations.findOne(registrationId(candidateId, ctx.activityId)).exec();
  if (existing) {
    const doc = await existing.incrementalPatch({ status: 'attended', checkedInAt: existing.checkedInAt ?? now, updatedAt: now, updatedBy: ctx.user });
    markLocalChange(doc.primary);
    return { ok: true, registration: doc.toJSON() as Registration, checkedIn: true };
  }
  const registration = newRegistration(
    { candidateId, activityId: ctx.activityId, region: ctx.region, status: 'attended', channel: 'event', newCandidate: false },
    { user: ctx.user, now },
  );
  await db.registrations.insert(registration);
  markLocalChange(registration.id);
  return { ok: true, registration, checkedIn: false };
}
