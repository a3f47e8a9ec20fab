import { describe, expect, it } from 'vitest';
import { activityFromForm, EMPTY_ACTIVITY, newActivityId } from './actions';

const ctx = { id: newActivityId(), region: 'twente', user: 'anna', now: '2026-11-26T19:00:00.000Z' };

describe('activityFromForm', () => {
  it('puts a bad date next to the date, not next to a correct end time', () => {
    // What a keyboard user gets from typing 26112026 into a date field in mm/dd/yyyy order.
    const r = activityFromForm({ ...EMPTY_ACTIVITY, title: 'Voorlichtingsavond', date: '112026-02-06' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.date).toBeTruthy();
    expect(r.errors.endTime).toBeUndefined();
  });

  it('still refuses a bad end time on a good date', () => {
    const r = activityFromForm({ ...EMPTY_ACTIVITY, title: 'Voorlichtingsavond', date: '2026-11-26', endTime: '25:99' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.endTime).toBe('invalidDateTime');
    expect(r.errors.date).toBeUndefined();
  });

  it('accepts a complete form', () => {
    expect(activityFromForm({ ...EMPTY_ACTIVITY, title: 'Voorlichtingsavond', date: '2026-11-26' }, ctx).ok).toBe(true);
  });
});
