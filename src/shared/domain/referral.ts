import { z } from 'zod';
import { fieldClocks, id, isoDateTime, optionalText, regionCode, requiredText } from './fields';
import { childIdOf } from './note';
import { toRxSchema } from './rx-schema';
import { reWriteEncrypted } from '../privacy/personal-fields';

export const REFERRAL_TYPE = 'referral';

/**
 * `link`: the candidate was linked to another region (with a reason), effective at once.
 * `referral` (Doorverwijzen): the receiving region accepts or declines; on acceptance it is linked.
 * `transfer`: like a referral, and on acceptance the receiving region becomes the owner.
 */
export const REFERRAL_KINDS = ['link', 'referral', 'transfer'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const REFERRAL_STATUSES = ['open', 'accepted', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * A link, referral or transfer of a candidate from one region to another. It lives in both
 * regions' databases (and only there): the receiving region's inbox lists open ones. Until the
 * receiving region accepts, it sees only the `summary` the sender chose to share.
 */
export const referralSchema = z
  .strictObject({
    id,
    type: z.enum([REFERRAL_TYPE]),
    candidateId: id,
    kind: z.enum(REFERRAL_KINDS, { error: 'invalidChoice' }),
    fromRegion: regionCode,
    toRegion: regionCode,
    reason: requiredText(2000),
    /** What the receiving region sees before accepting: the name, nothing more. */
    summary: z.strictObject({ name: requiredText(200) }),
    status: z.enum(REFERRAL_STATUSES, { error: 'invalidChoice' }),
    decisionNote: optionalText(2000),
    decidedAt: isoDateTime.optional(),
    decidedBy: optionalText(100),
    /** Per-field clocks (field-merge.ts): concurrent edits and a deletion against a re-creation. */
    fieldClocks: fieldClocks.optional(),
    createdAt: isoDateTime,
    createdBy: requiredText(100),
    updatedAt: isoDateTime,
  })
  .refine((r) => r.fromRegion !== r.toRegion, { error: 'sameRegion', path: ['toRegion'] })
  .refine((r) => r.id.startsWith(r.candidateId + ':'), { error: 'invalidId', path: ['id'] })
  .refine((r) => r.status === 'open' || (r.decidedAt !== undefined && r.decidedBy !== undefined), {
    error: 'required',
    path: ['decidedAt'],
  });

export type Referral = z.infer<typeof referralSchema>;

export interface NewReferralInput {
  candidateId: string;
  kind: ReferralKind;
  fromRegion: string;
  toRegion: string;
  reason: string;
  name: string;
}

export function newReferral(input: NewReferralInput, ctx: { suffix: string; user: string; now: string }): Referral {
  const link = input.kind === 'link';
  return {
    id: childIdOf(input.candidateId, 'r', ctx.suffix),
    type: REFERRAL_TYPE,
    candidateId: input.candidateId,
    kind: input.kind,
    fromRegion: input.fromRegion,
    toRegion: input.toRegion,
    reason: input.reason.trim(),
    summary: { name: input.name },
    // A link needs no answer: it is accepted when made.
    status: link ? 'accepted' : 'open',
    ...(link ? { decidedAt: ctx.now, decidedBy: ctx.user } : {}),
    createdAt: ctx.now,
    createdBy: ctx.user,
    updatedAt: ctx.now,
  };
}

/** The receiving region's answer, with an optional note. */
export function decideReferral(r: Referral, accept: boolean, note: string, by: string, now: string): Referral {
  if (r.status !== 'open') throw new Error('this referral was already answered');
  const out: Referral = { ...r, status: accept ? 'accepted' : 'declined', decidedAt: now, decidedBy: by, updatedAt: now };
  if (note.trim()) out.decisionNote = note.trim();
  return out;
}

export const REFERRAL_SCHEMA_VERSION = 3;

export const referralRxSchema = toRxSchema(referralSchema, {
  title: 'referral',
  version: REFERRAL_SCHEMA_VERSION,
  primaryKey: 'id',
  // The inbox (open ones) and a candidate's referrals; nothing reads them by updatedAt (v1 did index it).
  indexes: [['toRegion', 'status'], 'candidateId'],
});

const EPOCH = '1970-01-01T00:00:00.000Z';

/** A schema-valid referral without content, standing in for a deleted or purged one. */
export function referralTombstone(id: string, region: string): Referral {
  const i = id.indexOf(':');
  const candidateId = i > 0 ? id.slice(0, i) : id;
  return {
    id, type: REFERRAL_TYPE, candidateId, kind: 'link', fromRegion: region, toRegion: region === 'x-none' ? 'x-nil' : 'x-none',
    reason: '-', summary: { name: '-' }, status: 'declined', decidedAt: EPOCH, decidedBy: '-', createdAt: EPOCH, createdBy: '-', updatedAt: EPOCH,
  };
}

/** RxDB migration strategies: key n migrates a document from version n-1 to n. */
export const referralMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // v1: personal fields encrypted at rest on laptops (src/shared/privacy/personal-fields.ts).
  1: reWriteEncrypted,
  // v2 only drops the unused updatedAt index: the documents are unchanged.
  2: (doc) => doc,
  // v3 adds the optional fieldClocks: documents without clocks stay as they are.
  3: (doc) => doc,
};
