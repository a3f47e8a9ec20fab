import { z } from 'zod';
import { codesOf, FUNCTIONS, ROUTES, SECTORS, SUBJECTS, type Term } from '../taxonomy';
import { codeSet, email, fieldClocks, id, isoDate, isoDateTime, optionalText, phone, postcode, regionCode, requiredText } from './fields';
import { dropEmpty, normalizeEmail, normalizePhone, normalizePostcode } from './normalize';
import { toRxSchema } from './rx-schema';

export const VACANCY_TYPE = 'vacancy';

/** Where a vacancy stands; only `open` ones are matched and published. */
export const VACANCY_STATUSES = [
  { code: 'open', label: { nl: 'Open', en: 'Open' } },
  { code: 'on_hold', label: { nl: 'On hold', en: 'On hold' } },
  { code: 'filled', label: { nl: 'Vervuld', en: 'Filled' } },
  { code: 'closed', label: { nl: 'Gesloten', en: 'Closed' } },
] as const satisfies readonly Term[];

export type VacancyStatus = (typeof VACANCY_STATUSES)[number]['code'];

/** Short ids (`vac-…`), so a match id `<candidate>:m:<vacancy>` stays within 64 characters. */
export const vacancyId = z.string().regex(/^vac-[a-z0-9]{4,20}$/, { error: 'invalidId' }).max(24);

/**
 * A vacancy (vacature) of a school or board in the region, entered by the desk. Region data: it
 * lives in one region's database and syncs like tasks and contacts. Contact details are for the
 * desk only; the public list (sync-server/vacancies) never shows them.
 */
export const vacancySchema = z.strictObject({
    id: vacancyId,
    type: z.enum([VACANCY_TYPE]),
    title: requiredText(200),
    organisationId: id,
    /** Kept with the vacancy so lists and the public page show it without the organisation. */
    organisationName: requiredText(200),
    function: z.enum(codesOf(FUNCTIONS), { error: 'invalidChoice' }),
    sector: z.enum(codesOf(SECTORS), { error: 'invalidChoice' }),
    subjects: codeSet(codesOf(SUBJECTS)),
    hoursPerWeek: z.number({ error: 'invalidNumber' }).min(1, { error: 'invalidNumber' }).max(40, { error: 'invalidNumber' }).optional(),
    place: optionalText(100),
    postcode: postcode.optional(),
    startDate: isoDate.optional(),
    closingDate: isoDate.optional(),
    /** Routes into teaching the school accepts (e.g. zij-instroom). */
    routes: codeSet(codesOf(ROUTES)),
    status: z.enum(codesOf(VACANCY_STATUSES), { error: 'invalidChoice' }),
    contactName: optionalText(100),
    contactEmail: email.optional(),
    contactPhone: phone.optional(),
    description: optionalText(5000),
    /** Shown on the region's public vacancy list (only while open). */
    public: z.boolean(),
    region: regionCode,
    fieldClocks: fieldClocks.optional(),
    createdAt: isoDateTime,
    createdBy: requiredText(100),
    updatedAt: isoDateTime,
    updatedBy: requiredText(100),
  });

export type Vacancy = z.infer<typeof vacancySchema>;

export type VacancyInput = Omit<Vacancy, 'id' | 'type' | 'region' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'fieldClocks'>;

export const VACANCY_SCHEMA_VERSION = 0;

export const vacancyRxSchema = toRxSchema(vacancySchema, {
  title: VACANCY_TYPE,
  version: VACANCY_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: [['region', 'status'], 'organisationId'],
});

export const vacancyMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {};

/** Builds a vacancy from form input (typed values normalised, empty fields dropped). */
export function newVacancy(input: Partial<VacancyInput>, ctx: { id: string; region: string; user: string; now: string }): Vacancy {
  const v: Record<string, unknown> = dropEmpty({ subjects: [], routes: [], status: 'open', public: false, ...input } as Record<string, unknown>);
  if (typeof v.postcode === 'string') v.postcode = normalizePostcode(v.postcode);
  if (typeof v.contactEmail === 'string') v.contactEmail = normalizeEmail(v.contactEmail);
  if (typeof v.contactPhone === 'string') v.contactPhone = normalizePhone(v.contactPhone);
  for (const k of ['title', 'organisationName', 'place', 'contactName'] as const) if (typeof v[k] === 'string') v[k] = (v[k] as string).trim();
  // Required texts stay present when empty, so validation names them `required`.
  for (const k of ['title', 'organisationId', 'organisationName'] as const) v[k] ??= '';
  return { ...v, id: ctx.id, type: VACANCY_TYPE, region: ctx.region, createdAt: ctx.now, createdBy: ctx.user, updatedAt: ctx.now, updatedBy: ctx.user } as Vacancy;
}

/** Whether a vacancy takes candidates on `today` (open and not past its closing date). */
export function isOpenVacancy(v: Pick<Vacancy, 'status' | 'closingDate'>, today: string): boolean {
  return v.status === 'open' && (!v.closingDate || v.closingDate >= today);
}

export function vacancyTombstone(id: string, region: string): Vacancy {
  const epoch = '1970-01-01T00:00:00.000Z';
  return {
    id, type: VACANCY_TYPE, title: '-', organisationId: '-', organisationName: '-', function: 'docent', sector: 'po', subjects: [], routes: [],
    status: 'closed', public: false, region, createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-',
  };
}

/**
 * The line a desk's website pastes to show its public vacancy list (sync-server/vacancies): an
 * iframe, so the list needs no script on the website and no CORS.
 */
export function vacancyEmbedSnippet(server: string, region: string): string {
  const src = `${server.replace(/\/+$/, '')}/vacatures/${encodeURIComponent(region)}?embed=1`;
  return `<iframe src="${src.replace(/"/g, '&quot;')}" title="Vacatures" loading="lazy" style="width:100%;min-height:40rem;border:0"></iframe>`;
}
