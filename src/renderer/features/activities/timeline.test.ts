import { describe, expect, it } from 'vitest';
import type { Activity, Registration } from '../../../shared';
import { registrationTimelineItems } from './timeline';

const reg = (over: Partial<Registration>): Registration =>
  ({
    id: 'c1:r:a1',
    type: 'registration',
    activityId: 'a1',
    candidateId: 'c1',
    region: 'twente',
    status: 'registered',
    channel: 'pre',
    newCandidate: false,
    registeredAt: '2026-10-01T09:00:00.000Z',
    registeredBy: 'carla',
    updatedAt: '2026-10-01T09:00:00.000Z',
    updatedBy: 'carla',
    ...over,
  }) as Registration;

const activities = new Map([['a1', { id: 'a1', title: 'Voorlichtingsavond' } as Activity]]);

describe('activities on the timeline', () => {
  it('shows a registration in advance once, and again when she attended', () => {
    expect(registrationTimelineItems([reg({})], activities).map((i) => [i.kind, i.at])).toEqual([['activity', '2026-10-01T09:00:00.000Z']]);
    const came = registrationTimelineItems([reg({ status: 'attended', checkedInAt: '2026-10-08T19:30:00.000Z' })], activities);
    expect(came.map((i) => i.at)).toEqual(['2026-10-01T09:00:00.000Z', '2026-10-08T19:30:00.000Z']);
    expect(new Set(came.map((i) => i.key)).size).toBe(2);
  });

  it('shows a registration at the door once, as attended', () => {
    const items = registrationTimelineItems([reg({ channel: 'event', status: 'attended', registeredAt: '2026-10-08T19:31:00.000Z', checkedInAt: '2026-10-08T19:31:00.000Z' })], new Map());
    expect(items.map((i) => [i.key, i.at])).toEqual([['c1:r:a1-attended', '2026-10-08T19:31:00.000Z']]);
  });
});
