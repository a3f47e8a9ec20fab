import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../../shared';
import { countByTab, inRegion, listView, sortByLastName } from './list';

let n = 0;
const make = (firstName: string, lastName: string, extra: Partial<Candidate> = {}): Candidate =>
  ({
    ...newCandidate(
      { firstName, lastName, regions: ['utrecht'], ownerRegion: 'utrecht' },
      { id: `c${++n}`, user: 'anna', now: '2026-11-01T10:00:00.000Z' },
    ),
    ...extra,
  }) as Candidate;

describe('candidate list', () => {
  const all = [
    make('Sanne', 'de Vries'),
    make('Piet', 'Bakker', { phase: 'matchen' }),
    make('Eva', 'van den Berg', { phase: 'orienteren' }),
    make('Ali', 'Yilmaz', { regions: ['amersfoort'], ownerRegion: 'amersfoort' }),
    make('Mo', 'Zwart', { regions: ['amersfoort', 'utrecht'], ownerRegion: 'amersfoort', phase: 'opleiden' }),
  ];

  it('selects owned and linked candidates of a region', () => {
    expect(inRegion(all[3]!, 'utrecht')).toBe(false);
    expect(inRegion(all[4]!, 'utrecht')).toBe(true);
  });

  it('counts per tab; phases outside the pilot tabs count only in Alle', () => {
    const { counts } = listView(all, 'utrecht', 'all');
    expect(counts).toMatchObject({ all: 4, nieuw: 1, orienteren: 1, voorbereiden: 0, matchen: 1 });
    expect(countByTab([]).nieuw).toBe(0);
  });

  it('filters by tab and sorts by last name ignoring particles', () => {
    expect(listView(all, 'utrecht', 'all').rows.map((c) => c.lastName)).toEqual(['Bakker', 'van den Berg', 'de Vries', 'Zwart']);
    expect(listView(all, 'utrecht', 'matchen').rows.map((c) => c.lastName)).toEqual(['Bakker']);
    expect(listView(all, null, 'all').rows).toEqual([]);
  });

  it('sorts case- and accent-insensitively', () => {
    const rows = sortByLastName([make('a', 'Özdemir'), make('b', 'ooms'), make('c', 'Oranje')]);
    expect(rows.map((c) => c.lastName)).toEqual(['ooms', 'Oranje', 'Özdemir']);
  });
});
