import { z } from 'zod';
import { CONSENT_CHANNELS } from '../consent';
import { codesOf, EDUCATION_LEVELS, FUNCTIONS, PHASES, ROUTES, SECTORS, SOURCES, SUBJECTS } from '../taxonomy';
import {
  codeSet,
  email,
  fieldClocks,
  id,
  isoDate,
  isoDateTime,
  optionalText,
  phone,
  postcode,
  regionCode,
  requiredText,
} from './fields';
import { dropEmpty, normalizeEmail, normalizePhone, normalizePostcode } from './normalize';

export const CANDIDATE_TYPE = 'candidate';

/** One step in the journey: who moved the candidate from which phase to which, and when. */
export const phaseChangeSchema = z.strictObject({
  from: z.enum(codesOf(PHASES)).optional(),
  to: z.enum(codesOf(PHASES)),
  at: isoDateTime,
  by: requiredText(100),
});

export type PhaseChange = z.infer<typeof phaseChangeSchema>;

/**
 * Per-field hybrid logical clocks (see src/shared/sync): the clock of the last edit of each
 * top-level field, so that merges pick the later edit without trusting a laptop's wall clock.
 * Compact form (sync/field-clocks.ts): `*` holds the clock shared by the unlisted valued fields.
 * Every clock must have the HLC form (fields.ts `fieldClocks`, the same schema for every kind).
 */
export const fieldClocksSchema = fieldClocks;

/** See src/shared/consent.ts for the texts, versions and what counts as valid consent. */
export const consentSchema = z.strictObject({
  given: z.boolean(),
  purpose: optionalText(500),
  date: isoDate.optional(),
  /** Version of the consent text the person agreed to (a key of CONSENT_TEXTS). */
  version: optionalText(40),
  /** How consent was given (schema v2; older records have none). */
  channel: z.enum(CONSENT_CHANNELS, { error: 'invalidChoice' }).optional(),
  withdrawnAt: isoDateTime.optional(),
  withdrawnBy: optionalText(100),
  erasure: z.enum(['pending', 'requested']).optional(),
});

/**
 * The candidate (kandidaat): one person on their way into education. This schema is the single
 * definition of a valid candidate: the client validates with it before saving, the server before
 * accepting a write, and the RxDB schema is generated from it.
 */
export const candidateSchema = z.strictObject({
  id,
  type: z.enum([CANDIDATE_TYPE]),
  firstName: requiredText(100),
  lastName: requiredText(100),
  phase: z.enum(codesOf(PHASES), { error: 'invalidChoice' }),
  sectors: codeSet(codesOf(SECTORS)),
  functions: codeSet(codesOf(FUNCTIONS)),
  subjects: codeSet(codesOf(SUBJECTS)),
  place: optionalText(100),
  email: email.optional(),
  address: optionalText(200),
  phone: phone.optional(),
  postcode: postcode.optional(),
  dateOfBirth: isoDate.optional(),
  motivation: optionalText(5000),
  currentProfession: optionalText(200),
  educationLevel: z.enum(codesOf(EDUCATION_LEVELS), { error: 'invalidChoice' }).optional(),
  preferredRoute: z.enum(codesOf(ROUTES), { error: 'invalidChoice' }).optional(),
  source: z.enum(codesOf(SOURCES), { error: 'invalidChoice' }),
  consent: consentSchema,
  /** Every region the candidate is linked to; the owner region is one of them. */
  regions: z.array(regionCode).min(1, { error: 'required' }).max(50),
  ownerRegion: regionCode,
  /** User name of the advisor who owns the file. */
  owner: requiredText(100),
  /** Every phase change, oldest first; makes drop-out and past quarters reproducible. */
  phaseHistory: z.array(phaseChangeSchema).max(500).optional(),
  fieldClocks: fieldClocksSchema.optional(),
  createdAt: isoDateTime,
  createdBy: requiredText(100),
  updatedAt: isoDateTime,
  updatedBy: requiredText(100),
}).refine((c) => c.regions.includes(c.ownerRegion), {
  error: 'ownerRegionNotLinked',
  path: ['ownerRegion'],
});

export type Candidate = z.infer<typeof candidateSchema>;

/** What a person fills in; the rest (id, type, audit fields) is set by the app. */
export type CandidateInput = Omit<
  Candidate,
  'id' | 'type' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'phaseHistory' | 'fieldClocks'
>;

/** Normalises typed values (postcode, e-mail, phone) and drops empty optional fields. */
export function normalizeCandidate<T extends Partial<Candidate>>(raw: T): T {
  const c: Record<string, unknown> = dropEmpty(raw as Record<string, unknown>);
  if (typeof c.postcode === 'string') c.postcode = normalizePostcode(c.postcode);
  if (typeof c.email === 'string') c.email = normalizeEmail(c.email);
  if (typeof c.phone === 'string') c.phone = normalizePhone(c.phone);
  for (const k of ['firstName', 'lastName', 'place'] as const) {
    if (typeof c[k] === 'string') c[k] = (c[k] as string).trim();
  }
  return c as T;
}

export interface NewCandidateContext {
  id: string;
  user: string;
  now: string;
}

/** Builds a complete candidate from form input; validate the result with candidateSchema. */
export function newCandidate(input: Partial<CandidateInput>, ctx: NewCandidateContext): Candidate {
  const base = {
    phase: 'nieuw',
    sectors: [],
    functions: [],
    subjects: [],
    source: 'manual',
    consent: { given: false },
    owner: ctx.user,
    ...normalizeCandidate(input),
    id: ctx.id,
    type: CANDIDATE_TYPE,
    createdAt: ctx.now,
    createdBy: ctx.user,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  const candidate = base as Candidate;
  candidate.phaseHistory = [{ to: candidate.phase, at: ctx.now, by: ctx.user }];
  return candidate;
}

/** Moves a candidate to another phase and records the step; unchanged when already there. */
export function withPhase(c: Candidate, to: Candidate['phase'], by: string, at: string): Candidate {
  if (c.phase === to) return c;
  const step: PhaseChange = { from: c.phase, to, at, by };
  return { ...c, phase: to, phaseHistory: [...(c.phaseHistory ?? []), step], updatedAt: at, updatedBy: by };
}
