import { z } from 'zod';
import { activityId } from './activity';
import { fieldClocks, id, isoDateTime, regionCode, requiredText } from './fields';
import { toRxSchema } from './rx-schema';

export const REGISTRATION_TYPE = 'registration';

/** `registered`: signed up in advance; `attended`: checked in or registered at the door. */
export const REGISTRATION_STATUSES = ['registered', 'attended', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** `pre`: registered before the activity; `event`: registered at the activity itself. */
export const REGISTRATION_CHANNELS = ['pre', 'event'] as const;

/** A registration's id: one per candidate and activity, so a person is never registered twice. */
export function registrationId(candidateId: string, activity: string): string {
  return `${candidateId}:r:${activity}`;
}

/**
 * A candidate's registration for an activity. The person's details stay on the candidate; the
 * id begins with the candidate's id (as notes do), so an erasure finds it with the candidate.
 */
export const registrationSchema = z
  .strictObject({
    id,
    type: z.enum([REGISTRATION_TYPE]),
    activityId,
    candidateId: id,
    /** The activity's organising region. */
    region: regionCode,
    status: z.enum(REGISTRATION_STATUSES, { error: 'invalidChoice' }),
    channel: z.enum(REGISTRATION_CHANNELS, { error: 'invalidChoice' }),
    /** The candidate was created by this registration (a new person at the event). */
    newCandidate: z.boolean(),
    checkedInAt: isoDateTime.optional(),
    registeredAt: isoDateTime,
    registeredBy: requiredText(100),
    fieldClocks: fieldClocks.optional(),
    updatedAt: isoDateTime,
    updatedBy: requiredText(100),
  })
  .refine((r) => r.id === registrationId(r.candidateId, r.activityId), { error: 'invalidId', path: ['id'] });

export type Registration = z.infer<typeof registrationSchema>;

export const REGISTRATION_SCHEMA_VERSION = 0;

export const registrationRxSchema = toRxSchema(registrationSchema, {
  title: REGISTRATION_TYPE,
  version: REGISTRATION_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: [['activityId', 'status'], 'candidateId'],
});

export const registrationMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {};

export function newRegistration(
  input: { candidateId: string; activityId: string; region: string; status: RegistrationStatus; channel: 'pre' | 'event'; newCandidate: boolean },
  ctx: { user: string; now: string },
): Registration {
  return {
    id: registrationId(input.candidateId, input.activityId),
    type: REGISTRATION_TYPE,
    ...input,
    ...(input.status === 'attended' ? { checkedInAt: ctx.now } : {}),
    registeredAt: ctx.now,
    registeredBy: ctx.user,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
}

/** A schema-valid registration without content, standing in for a deleted one. */
export function registrationTombstone(docId: string, region: string): Registration {
  const epoch = '1970-01-01T00:00:00.000Z';
  const [candidateId = '-', , activity = 'deleted0'] = docId.split(':');
  return {
    id: docId, type: REGISTRATION_TYPE, activityId: activity, candidateId, region, status: 'cancelled', channel: 'pre',
    newCandidate: false, registeredAt: epoch, registeredBy: '-', updatedAt: epoch, updatedBy: '-',
  };
}

export interface Attendance {
  registered: number;
  attended: number;
  /** Registered in advance, not checked in, activity over. */
  noShows: number;
  /** Registered at the door. */
  walkIns: number;
  newCandidates: number;
}

/** Attendance figures of one activity from its registrations. */
export function attendanceOf(regs: Pick<Registration, 'status' | 'channel' | 'newCandidate'>[], past: boolean): Attendance {
  const live = regs.filter((r) => r.status !== 'cancelled');
  return {
    registered: live.length,
    attended: live.filter((r) => r.status === 'attended').length,
    noShows: past ? live.filter((r) => r.status === 'registered').length : 0,
    walkIns: live.filter((r) => r.channel === 'event').length,
    newCandidates: live.filter((r) => r.newCandidate).length,
  };
}
