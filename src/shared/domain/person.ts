import { z } from 'zod';
import { email, fieldClocks, id, isoDateTime, optionalText, phone, regionCode, requiredText } from './fields';
import { toRxSchema } from './rx-schema';
import { reWriteEncrypted } from '../privacy/personal-fields';

export const PERSON_TYPE = 'person';

/**
 * A contact person (contactpersoon) of a region at one or more organisations: a region's own
 * data, never reference data, so it lives in the region's database like its other records.
 */
export const personSchema = z.strictObject({
  id,
  type: z.enum([PERSON_TYPE]),
  name: requiredText(200),
  role: optionalText(100),
  organisationIds: z.array(id).max(20),
  email: email.optional(),
  phone: phone.optional(),
  note: optionalText(2000),
  region: regionCode,
  fieldClocks: fieldClocks.optional(),
  createdAt: isoDateTime,
  createdBy: requiredText(100),
  updatedAt: isoDateTime,
  updatedBy: requiredText(100),
});

export type Person = z.infer<typeof personSchema>;

export const PERSON_SCHEMA_VERSION = 1;

export const personRxSchema = toRxSchema(personSchema, {
  title: PERSON_TYPE,
  version: PERSON_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: [['region', 'updatedAt']],
});

export const personMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // v1: personal fields encrypted at rest on laptops (src/shared/privacy/personal-fields.ts).
  1: reWriteEncrypted,
};

export function personTombstone(id: string, region: string): Person {
  const epoch = '1970-01-01T00:00:00.000Z';
  return { id, type: PERSON_TYPE, name: '-', organisationIds: [], region, createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-' };
}
