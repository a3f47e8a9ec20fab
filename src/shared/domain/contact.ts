import { z } from 'zod';
import { fieldClocks, id, isoDate, isoDateTime, optionalText, regionCode, requiredText } from './fields';
import { childIdOf } from './note';
import { toRxSchema } from './rx-schema';
import { reWriteEncrypted } from '../privacy/personal-fields';

export const CONTACT_TYPE = 'contact';

/** Where a candidate stands with a school or programme. */
export const CONTACT_STATUSES = [
  { code: 'contact_gelegd', label: { nl: 'Contact gelegd', en: 'Contact made' } },
  { code: 'gesprek', label: { nl: 'Gesprek', en: 'Interview' } },
  { code: 'meeloopdag', label: { nl: 'Meeloopdag', en: 'Job shadowing day' } },
  { code: 'aangenomen', label: { nl: 'Aangenomen', en: 'Hired / admitted' } },
  { code: 'afgewezen', label: { nl: 'Afgewezen', en: 'Rejected' } },
] as const;

export type ContactStatus = (typeof CONTACT_STATUSES)[number]['code'];

/**
 * A candidate's contact with an organisation (school, board, teacher-training programme), with
 * its status and date. The id begins with the candidate's, so an erasure finds it.
 */
export const contactSchema = z
  .strictObject({
    id,
    type: z.enum([CONTACT_TYPE]),
    candidateId: id,
    organisationId: id,
    /** Kept with the contact so the file shows it even before the organisation has synced. */
    organisationName: requiredText(200),
    region: regionCode,
    status: z.enum(CONTACT_STATUSES.map((s) => s.code) as [ContactStatus, ...ContactStatus[]], { error: 'invalidChoice' }),
    date: isoDate,
    note: optionalText(1000),
    fieldClocks: fieldClocks.optional(),
    createdAt: isoDateTime,
    createdBy: requiredText(100),
    updatedAt: isoDateTime,
    updatedBy: requiredText(100),
  })
  .refine((c) => c.id.startsWith(c.candidateId + ':'), { error: 'invalidId', path: ['id'] });

export type Contact = z.infer<typeof contactSchema>;

export const CONTACT_SCHEMA_VERSION = 1;

export const contactRxSchema = toRxSchema(contactSchema, {
  title: CONTACT_TYPE,
  version: CONTACT_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: ['candidateId', 'organisationId'],
});

export const contactMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // v1: personal fields encrypted at rest on laptops (src/shared/privacy/personal-fields.ts).
  1: reWriteEncrypted,
};

export function contactId(candidateId: string, suffix: string): string {
  return childIdOf(candidateId, 'c', suffix);
}

export function contactTombstone(id: string, region: string): Contact {
  const epoch = '1970-01-01T00:00:00.000Z';
  const candidateId = id.includes(':') ? id.slice(0, id.indexOf(':')) : id;
  return {
    id, type: CONTACT_TYPE, candidateId, organisationId: '-', organisationName: '-', region, status: 'contact_gelegd',
    date: '1970-01-01', createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-',
  };
}
