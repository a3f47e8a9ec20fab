import { z } from 'zod';
import type { Term } from '../taxonomy/taxonomy';
import { codesOf } from '../taxonomy/taxonomy';
import { fieldClocks, isoDateTime, optionalText, regionCode, requiredText } from './fields';
import { toRxSchema } from './rx-schema';

export const ACTIVITY_TYPE = 'activity';

/** Kinds of orientation activity a desk organises. */
export const ACTIVITY_KINDS = [
  { code: 'voorlichtingsavond', label: { nl: 'Voorlichtingsavond', en: 'Information evening' } },
  { code: 'meeloopdag', label: { nl: 'Meeloopdag', en: 'Job shadowing day' } },
  { code: 'open_dag', label: { nl: 'Open dag', en: 'Open day' } },
  { code: 'beurs', label: { nl: 'Beurs', en: 'Fair' } },
  { code: 'webinar', label: { nl: 'Webinar', en: 'Webinar' } },
  { code: 'overig', label: { nl: 'Overig', en: 'Other' } },
] as const satisfies readonly Term[];

export type ActivityKind = (typeof ACTIVITY_KINDS)[number]['code'];

/** Activity ids are short so that a registration's id (`<candidate>:r:<activity>`) fits in 64. */
export const activityId = z.string().regex(/^[a-z0-9]{8,20}$/, { error: 'invalidId' }).max(20);

/**
 * An orientation activity (information evening, job shadowing day, open day, fair, webinar) of
 * one organising region, with the partner organisations involved (free text for now).
 */
export const activitySchema = z
  .strictObject({
    id: activityId,
    type: z.enum([ACTIVITY_TYPE]),
    title: requiredText(200),
    kind: z.enum(codesOf(ACTIVITY_KINDS), { error: 'invalidChoice' }),
    startsAt: isoDateTime,
    endsAt: isoDateTime.optional(),
    place: optionalText(200),
    capacity: z.number({ error: 'invalidNumber' }).int({ error: 'invalidNumber' }).min(1, { error: 'invalidNumber' }).max(100_000, { error: 'invalidNumber' }).optional(),
    /** The organising region; the activity lives in its database. */
    region: regionCode,
    partners: optionalText(1000),
    description: optionalText(5000),
    fieldClocks: fieldClocks.optional(),
    createdAt: isoDateTime,
    createdBy: requiredText(100),
    updatedAt: isoDateTime,
    updatedBy: requiredText(100),
  })
  .refine((a) => !a.endsAt || a.endsAt >= a.startsAt, { error: 'endBeforeStart', path: ['endsAt'] });

export type Activity = z.infer<typeof activitySchema>;

export const ACTIVITY_SCHEMA_VERSION = 0;

export const activityRxSchema = toRxSchema(activitySchema, {
  title: ACTIVITY_TYPE,
  version: ACTIVITY_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: [['region', 'startsAt']],
});

export const activityMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {};

/** A schema-valid activity without content, standing in for a deleted one. */
export function activityTombstone(id: string, region: string): Activity {
  const epoch = '1970-01-01T00:00:00.000Z';
  return { id, type: ACTIVITY_TYPE, title: '-', kind: 'overig', startsAt: epoch, region, createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-' };
}

/** Whether an activity is over at `now` (its end, else the end of its day). */
export function isPast(a: Pick<Activity, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const end = a.endsAt ? new Date(a.endsAt) : new Date(new Date(a.startsAt).setHours(23, 59, 59, 999));
  return end.getTime() < now.getTime();
}

/** Coming activities soonest first, then past ones most recent first. */
export function splitActivities<T extends Pick<Activity, 'startsAt' | 'endsAt'>>(all: T[], now: Date): { coming: T[]; past: T[] } {
  const coming = all.filter((a) => !isPast(a, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = all.filter((a) => isPast(a, now)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { coming, past };
}
