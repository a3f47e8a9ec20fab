import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../../shared';
import { cachedCellText, cellText } from './cells';
import { formatDate, formatDateTime } from './format';

const make = (extra: Partial<Candidate> = {}): Candidate =>
  ({
    ...newCandidate(
      { firstName: 'Bülent', lastName: 'Kaya', regions: ['utrecht'], ownerRegion: 'utrecht' },
      { id: 'c1', user: 'anna', now: '2026-11-01T10:00:00.000Z' },
    ),
    sectors: ['po', 'vo'],
    ...extra,
  }) as Candidate;

describe('table cells', () => {
  it('caches what cellText says, per locale, until the document is a new object', () => {
    const c = make();
    for (const f of ['name', 'phase', 'sectors', 'createdAt', 'updatedAt'] as const) {
      expect(cachedCellText(c, f, 'nl')).toBe(cellText(c, f, 'nl'));
      expect(cachedCellText(c, f, 'en')).toBe(cellText(c, f, 'en'));
    }
    expect(cachedCellText(c, 'sectors', 'nl')).not.toBe('');
    // An edit makes a new document object: its cells show the new value, not the cached one.
    const edited = { ...c, firstName: 'Bulent', sectors: ['mbo'] } as Candidate;
    expect(cachedCellText(edited, 'name', 'nl')).toBe('Bulent Kaya');
    expect(cachedCellText(edited, 'sectors', 'nl')).toBe(cellText(edited, 'sectors', 'nl'));
    expect(cachedCellText(edited, 'sectors', 'nl')).not.toBe(cachedCellText(c, 'sectors', 'nl'));
  });

  it('formats dates with reused formatters, per locale and style', () => {
    expect(formatDate('2026-03-05', 'nl')).toBe('5 maart 2026');
    expect(formatDate('2026-03-05', 'en')).toBe('5 March 2026');
    const now = new Date('2026-03-05T15:00:00');
    // Today: only the time; another day: date and time. The same formatter twice gives the same.
    expect(formatDateTime('2026-03-05T09:30:00', 'nl', now)).toBe('09:30');
    expect(formatDateTime('2026-03-04T09:30:00', 'nl', now)).toMatch(/4 mrt 2026.*09:30/);
    expect(formatDateTime('2026-03-04T09:30:00', 'nl', now)).toBe(formatDateTime('2026-03-04T09:30:00', 'nl', now));
    expect(formatDate('not a date', 'nl')).toBe('not a date');
  });
});
