import { z } from 'zod';
import { SECTORS, type Sector } from '../taxonomy';
import { fieldClocks, id, isoDate, isoDateTime, optionalText, regionCode, requiredText } from './fields';
import { toRxSchema } from './rx-schema';

export const ORGANISATION_TYPE = 'organisation';

/** Kinds of organisation in the network (a school is one location: a DUO vestiging). */
export const ORGANISATION_KINDS = [
  { code: 'school', label: { nl: 'School (vestiging)', en: 'School (location)' } },
  { code: 'schoolbestuur', label: { nl: 'Schoolbestuur', en: 'School board' } },
  { code: 'lerarenopleiding', label: { nl: 'Lerarenopleiding', en: 'Teacher training programme' } },
  { code: 'instelling', label: { nl: 'Onderwijsinstelling (hogeschool, universiteit, mbo)', en: 'Institution (university, college)' } },
  { code: 'regioloket', label: { nl: 'Regioloket', en: 'Regional desk' } },
  { code: 'overig', label: { nl: 'Overig', en: 'Other' } },
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]['code'];

/**
 * Where an organisation comes from. `region`: entered by hand in a region (the default when the
 * field is absent, as in documents written before schema version 1); the others are public
 * reference data, imported by an administrator into the reference database and read-only in the app.
 */
export const ORGANISATION_SOURCES = ['region', 'duo', 'programmes'] as const;
export type OrganisationSource = (typeof ORGANISATION_SOURCES)[number];

const SECTOR_CODES = SECTORS.map((s) => s.code) as [Sector, ...Sector[]];

/**
 * An organisation of the network: entered by hand in a region, or reference data (DUO schools
 * and boards, programmes) shared by every region. Official codes are optional and kept as the
 * source writes them: BRIN/instellingscode (`brin`), vestigingsnummer (`vestiging`), the
 * bevoegd-gezag number of a board, a programme's code (CROHO, crebo or the source's own).
 */
export const organisationSchema = z
  .strictObject({
  id,
  type: z.enum([ORGANISATION_TYPE]),
  name: requiredText(200),
  kind: z.enum(ORGANISATION_KINDS.map((k) => k.code) as [OrganisationKind, ...OrganisationKind[]], { error: 'invalidChoice' }),
  source: z.enum(ORGANISATION_SOURCES).optional(),
  brin: z.string().regex(/^[0-9]{2}[A-Z]{2}$/, { error: 'invalidBrin' }).max(4).optional(),
  vestiging: z.string().regex(/^[0-9]{2}$/, { error: 'invalidVestiging' }).max(2).optional(),
  bevoegdGezag: z.string().regex(/^[0-9]{1,8}$/, { error: 'invalidBevoegdGezag' }).max(8).optional(),
  programmeCode: z.string().trim().min(1, { error: 'required' }).max(40, { error: 'tooLong' }).optional(),
  /** Board of a school, institution of a programme. */
  parentId: id.optional(),
  sectors: z.array(z.enum(SECTOR_CODES, { error: 'invalidChoice' })).max(SECTOR_CODES.length).optional(),
  /** A programme's level (e.g. bachelor, master, mbo-4), as the source says it. */
  level: optionalText(60),
  denomination: optionalText(100),
  street: optionalText(200),
  postcode: optionalText(10),
  place: optionalText(100),
  website: optionalText(300),
  phone: optionalText(30),
  /** Regions the organisation works in or with (for filters); not who may see it. */
  regions: z.array(regionCode).max(50).optional(),
  /** A region's own remarks about an organisation it entered (or, with `about`, about a reference organisation). */
  note: optionalText(2000),
  /**
   * Set on a region's note document about a reference organisation (the id it is about): a small
   * document in the region's database carrying only the region's `note`, so the note stays in the
   * region and the reference data stays read-only. It is no organisation of its own: lists,
   * pickers and searches leave it out (`isRegionNote`). Since schema version 2.
   */
  about: id.optional(),
  closed: z.boolean().optional(),
  closedOn: isoDate.optional(),
  /** The database holding it: a region's code, or REFERENCE_REGION for reference data. */
  region: regionCode,
  fieldClocks: fieldClocks.optional(),
  createdAt: isoDateTime,
  createdBy: requiredText(100),
  updatedAt: isoDateTime,
  updatedBy: requiredText(100),
})
  // A region's note lives in a region: never in the reference database, never as reference data.
  .refine((o) => o.about === undefined || (o.region !== 'reference' && (o.source === undefined || o.source === 'region')), {
    error: 'regionNoteInReference',
    path: ['about'],
  });

export type Organisation = z.infer<typeof organisationSchema>;

/** The `region` of reference organisations (they live in the reference database, not a region's). */
export const REFERENCE_REGION = 'reference';
/** The one database of public reference data: every logged-in user reads it, administrators write it. */
export const REFERENCE_DB = 'reference';

export function isReferenceOrganisation(o: Pick<Organisation, 'source' | 'region'>): boolean {
  return (o.source !== undefined && o.source !== 'region') || o.region === REFERENCE_REGION;
}

/** A region's note about another organisation, not an organisation of the network itself. */
export function isRegionNote(o: Pick<Organisation, 'about'>): boolean {
  return o.about !== undefined;
}

/**
 * The id of a region's note about an organisation: one per region and organisation, so two
 * devices writing it meet in one document (a conflict RxDB resolves) instead of two notes.
 */
export function regionNoteId(region: string, organisationId: string): string {
  const plain = `about-${region}-${organisationId}`;
  if (plain.length <= 64) return plain;
  // Long programme ids: a stable 32-bit FNV-1a hash keeps the id within the 64-character limit.
  let h = 0x811c9dc5;
  for (let i = 0; i < plain.length; i++) h = Math.imul(h ^ plain.charCodeAt(i), 0x01000193) >>> 0;
  return `${plain.slice(0, 55)}-${h.toString(16).padStart(8, '0')}`;
}

/**
 * Version 1 added the reference-data fields (all optional) and the kind `regioloket`; version 2
 * the optional `about` of a region's note about a reference organisation.
 */
export const ORGANISATION_SCHEMA_VERSION = 2;

export const organisationRxSchema = toRxSchema(organisationSchema, {
  title: ORGANISATION_TYPE,
  version: ORGANISATION_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: [['region', 'name']],
});

export const organisationMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // Every version-0 document is valid in version 1: the new fields are optional.
  1: (doc) => doc,
  // Version 2 only added an optional field.
  2: (doc) => doc,
};

export function organisationTombstone(id: string, region: string): Organisation {
  const epoch = '1970-01-01T00:00:00.000Z';
  return { id, type: ORGANISATION_TYPE, name: '-', kind: 'overig', region, createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-' };
}
