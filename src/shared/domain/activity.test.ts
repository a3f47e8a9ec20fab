import { describe, expect, it } from 'vitest';
import { checkRegionDocument } from './documents';
import { activitySchema, activityTombstone, splitActivities, activityRxSchema } from './activity';
import { attendanceOf, newRegistration, registrationRxSchema, registrationSchema, registrationTombstone } from './registration';

const now = '2026-11-25T12:00:00.000Z';
const activity = {
  id: 'a1b2c3d4e5f6a7b8', type: 'activity' as const, title: 'Voorlichtingsavond zij-instroom', kind: 'voorlichtingsavond' as const,
  startsAt: '2026-12-01T19:00:00.000+01:00', region: 'twente', capacity: 80, partners: 'Saxion, ROC van Twente',
  createdAt: now, createdBy: 'anna', updatedAt: now, updatedBy: 'anna',
};

describe('activity', () => {
  it('validates, refuses an end before the start, and is accepted only in its region', () => {
    expect(activitySchema.safeParse(activity).success).toBe(true);
    expect(activitySchema.safeParse({ ...activity, endsAt: '2026-11-30T10:00:00.000Z' }).success).toBe(false);
    expect(activitySchema.safeParse({ ...activity, id: 'x'.repeat(40) }).success).toBe(false);
    expect(checkRegionDocument('twente', { ...activity, _id: activity.id, id: undefined })).toMatchObject({ ok: true });
    expect(checkRegionDocument('utrecht', { ...activity, _id: activity.id, id: undefined })).toMatchObject({ ok: false });
    expect(activitySchema.safeParse(activityTombstone('deadbeef00', 'twente')).success).toBe(true);
    expect(activityRxSchema.title).toBe('activity');
  });

  it('splits coming (soonest first) from past (latest first)', () => {
    const a = (startsAt: string) => ({ startsAt });
    const r = splitActivities([a('2026-10-01T10:00:00Z'), a('2027-01-01T10:00:00Z'), a('2026-12-01T10:00:00Z'), a('2026-09-01T10:00:00Z')], new Date(now));
    expect(r.coming.map((x) => x.startsAt)).toEqual(['2026-12-01T10:00:00Z', '2027-01-01T10:00:00Z']);
    expect(r.past.map((x) => x.startsAt)).toEqual(['2026-10-01T10:00:00Z', '2026-09-01T10:00:00Z']);
  });
});

describe('registration', () => {
  it('has one id per candidate and activity and checks it', () => {
    const r = newRegistration({ candidateId: 'c-1', activityId: activity.id, region: 'twente', status: 'attended', channel: 'event', newCandidate: true }, { user: 'anna', now });
    expect(r.id).toBe(`c-1:r:${activity.id}`);
    expect(r.checkedInAt).toBe(now);
    expect(registrationSchema.safeParse(r).success).toBe(true);
    expect(registrationSchema.safeParse({ ...r, id: 'c-2:r:' + activity.id }).success).toBe(false);
    expect(registrationSchema.safeParse(registrationTombstone(r.id, 'twente')).success).toBe(true);
    expect(registrationRxSchema.indexes).toContainEqual(['activityId', 'status']);
  });

  it('counts attendance, no-shows only once the activity is over', () => {
    const regs = [
      { status: 'attended' as const, channel: 'pre' as const, newCandidate: false },
      { status: 'registered' as const, channel: 'pre' as const, newCandidate: false },
      { status: 'attended' as const, channel: 'event' as const, newCandidate: true },
      { status: 'cancelled' as const, channel: 'pre' as const, newCandidate: false },
    ];
    expect(attendanceOf(regs, false)).toEqual({ registered: 3, attended: 2, noShows: 0, walkIns: 1, newCandidates: 1 });
    expect(attendanceOf(regs, true).noShows).toBe(1);
  });
});
