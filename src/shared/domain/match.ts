import { z } from 'zod';
import type { Term } from '../taxonomy';
import { codesOf } from '../taxonomy';
import { fieldClocks, id, isoDate, isoDateTime, optionalText, regionCode, requiredText } from './fields';
import { childIdOf } from './note';
import { toRxSchema } from './rx-schema';
import { vacancyId } from './vacancy';
import { reWriteEncrypted } from '../privacy/personal-fields';

export const MATCH_TYPE = 'match';

/** The steps of the match pipeline, in order; the last two are outcomes. */
export const MATCH_STEPS = [
  { code: 'voorgesteld', label: { nl: 'Voorgesteld', en: 'Proposed' } },
  { code: 'gesprek', label: { nl: 'Gesprek', en: 'Interview' } },
  { code: 'meeloopdag', label: { nl: 'Meeloopdag', en: 'Job shadowing day' } },
  { code: 'aanbod', label: { nl: 'Aanbod', en: 'Offer' } },
  { code: 'aangenomen', label: { nl: 'Aangenomen', en: 'Hired' } },
  { code: 'afgewezen', label: { nl: 'Afgewezen', en: 'Rejected' } },
] as const satisfies readonly Term[];

export type MatchStep = (typeof MATCH_STEPS)[number]['code'];

export const matchStepSchema = z.strictObject({
  step: z.enum(codesOf(MATCH_STEPS), { error: 'invalidChoice' }),
  /** The day it happened (the interview's date, the offer's), entered by the advisor. */
  date: isoDate,
  note: optionalText(1000),
  at: isoDateTime,
  by: requiredText(100),
});

export type MatchStepEntry = z.infer<typeof matchStepSchema>;

/**
 * A candidate proposed for a vacancy and followed to an outcome. One per candidate and vacancy:
 * the id is `<candidate>:m:<vacancy>`, so proposing twice finds the same match and an erasure of
 * the candidate finds it by prefix.
 */
export const matchSchema = z
  .strictObject({
    id,
    type: z.enum([MATCH_TYPE]),
    candidateId: id,
    vacancyId,
    region: regionCode,
    step: z.enum(codesOf(MATCH_STEPS), { error: 'invalidChoice' }),
    /** Every step taken, oldest first. */
    history: z.array(matchStepSchema).min(1).max(100),
    note: optionalText(2000),
    fieldClocks: fieldClocks.optional(),
    createdAt: isoDateTime,
    createdBy: requiredText(100),
    updatedAt: isoDateTime,
    updatedBy: requiredText(100),
  })
  .refine((m) => m.id === matchId(m.candidateId, m.vacancyId), { error: 'invalidId', path: ['id'] });

export type Match = z.infer<typeof matchSchema>;

export const MATCH_SCHEMA_VERSION = 1;

export const matchRxSchema = toRxSchema(matchSchema, {
  title: MATCH_TYPE,
  version: MATCH_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: ['candidateId', 'vacancyId'],
});

export const matchMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // v1: personal fields encrypted at rest on laptops (src/shared/privacy/personal-fields.ts).
  1: reWriteEncrypted,
};

export function matchId(candidateId: string, vacancyId: string): string {
  return childIdOf(candidateId, 'm', vacancyId);
}

export function isOutcome(step: MatchStep): boolean {
  return step === 'aangenomen' || step === 'afgewezen';
}

/** A new match at step `voorgesteld`. */
export function newMatch(input: { candidateId: string; vacancyId: string; region: string; date: string; note?: string | undefined }, ctx: { user: string; now: string }): Match {
  const note = input.note?.trim();
  return {
    id: matchId(input.candidateId, input.vacancyId),
    type: MATCH_TYPE,
    candidateId: input.candidateId,
    vacancyId: input.vacancyId,
    region: input.region,
    step: 'voorgesteld',
    history: [{ step: 'voorgesteld', date: input.date, ...(note ? { note } : {}), at: ctx.now, by: ctx.user }],
    createdAt: ctx.now,
    createdBy: ctx.user,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
}

/** Moves a match to a step, recording date and note; a step may be repeated (a second interview). */
export function withStep(m: Match, step: MatchStep, date: string, note: string | undefined, by: string, at: string): Match {
  const n = note?.trim();
  const entry: MatchStepEntry = { step, date, ...(n ? { note: n } : {}), at, by };
  return { ...m, step, history: [...m.history, entry], updatedAt: at, updatedBy: by };
}

export function matchTombstone(docId: string, region: string): Match {
  const epoch = '1970-01-01T00:00:00.000Z';
  const parts = docId.split(':m:');
  const candidateId = parts[0] || '-';
  const vac = parts[1] && /^vac-[a-z0-9]{4,20}$/.test(parts[1]) ? parts[1] : 'vac-0000';
  return {
    id: docId, type: MATCH_TYPE, candidateId, vacancyId: vac, region, step: 'afgewezen',
    history: [{ step: 'afgewezen', date: '1970-01-01', at: epoch, by: '-' }], createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-',
  };
}
