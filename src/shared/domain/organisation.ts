import { z } from 'zod';
import { id, isoDateTime, optionalText, regionCode, requiredText } from './fields';
import { toRxSchema } from './rx-schema';

export const ORGANISATION_TYPE = 'organisation';

/** Kinds of organisation a candidate can be in contact with. */
export const ORGANISATION_KINDS = [
  { code: 'school', label: { nl: 'School', en: 'School' } },
  { code: 'schoolbestuur', label: { nl: 'Schoolbestuur', en: 'School board' } },
  { code: 'lerarenopleiding', label: { nl: 'Lerarenopleiding', en: 'Teacher training programme' } },
  { code: 'instelling', label: { nl: 'Onderwijsinstelling (hogeschool, universiteit, mbo)', en: 'Institution (university, college)' } },
  { code: 'overig', label: { nl: 'Overig', en: 'Other' } },
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]['code'];

/**
 * An organisation entered by hand in a region (minimal for now; the CRM issue adds reference
 * data from DUO, HOVI and KiesMBO). Codes (BRIN, vestiging) are optional.
 */
export const organisationSchema = z.strictObject({
  id,
  type: z.enum([ORGANISATION_TYPE]),
  name: requiredText(200),
  kind: z.enum(ORGANISATION_KINDS.map((k) => k.code) as [OrganisationKind, ...OrganisationKind[]], { error: 'invalidChoice' }),
  place: optionalText(100),
  brin: z.string().regex(/^[0-9]{2}[A-Z]{2}$/, { error: 'invalidBrin' }).max(4).optional(),
  vestiging: z.string().regex(/^[0-9]{2}$/, { error: 'invalidVestiging' }).max(2).optional(),
  region: regionCode,
  fieldClocks: z.record(z.string().max(40), z.string().max(64)).optional(),
  createdAt: isoDateTime,
  createdBy: requiredText(100),
  updatedAt: isoDateTime,
  updatedBy: requiredText(100),
});

export type Organisation = z.infer<typeof organisationSchema>;

export const ORGANISATION_SCHEMA_VERSION = 0;

export const organisationRxSchema = toRxSchema(organisationSchema, {
  title: ORGANISATION_TYPE,
  version: ORGANISATION_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: [['region', 'name']],
});

export const organisationMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {};

export function organisationTombstone(id: string, region: string): Organisation {
  const epoch = '1970-01-01T00:00:00.000Z';
  return { id, type: ORGANISATION_TYPE, name: '-', kind: 'overig', region, createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-' };
}
