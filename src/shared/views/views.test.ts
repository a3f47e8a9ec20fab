import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../domain/candidate';
import { applyView, compileFilter, countBy, defaultSpec, groupRows, sortRows, type FilterRule } from './engine';
import { foldText, phoneDigits, searchTokens } from './normalize';

let n = 0;
const make = (firstName: string, lastName: string, extra: Partial<Candidate> = {}): Candidate =>
  Object.freeze({
    ...newCandidate(
      { firstName, lastName, regions: ['twente'], ownerRegion: 'twente', owner: 'anna' },
      { id: `c${++n}`, user: 'anna', now: '2026-11-01T10:00:00.000Z' },
    ),
    ...extra,
  }) as Candidate;

const people = [
  make('Bülent', 'Yılmaz', { place: 'Enschede', sectors: ['po', 'vo'], phone: '06-12345678' }),
  make('Sanne', 'de Vries', { place: 'Hengelo', sectors: ['vo'], phase: 'matchen', owner: 'daan' }),
  make('Eva', 'van den Berg', { place: 'enschede', sectors: [], phase: 'orienteren', updatedAt: '2026-01-01T00:00:00.000Z' }),
  make('Zoë', 'Bakker', { place: 'Almelo', sectors: ['mbo'], phase: 'gestopt', email: 'zoe@example.nl' }),
];

describe('search normalisation', () => {
  it('folds accents and case', () => {
    expect(foldText('Bülent')).toBe('bulent');
    expect(foldText('ZOË Oriënteren')).toBe('zoe orienteren');
    expect(foldText('Yılmaz')).toBe('yilmaz');
    expect(foldText('Çelik Straße')).toBe('celik strasse');
  });
  it('keeps only phone digits, +31 as 0', () => {
    expect(phoneDigits('06-123 456 78')).toBe('0612345678');
    expect(phoneDigits('+31 6 12345678')).toBe('0612345678');
  });
  it('splits into words', () => {
    expect(searchTokens('zoe.bakker@example.nl 7511 AB')).toEqual(['zoe', 'bakker', 'example', 'nl', '7511', 'ab']);
  });
});

describe('filter builder', () => {
  const names = (rows: Candidate[]) => rows.map((c) => c.firstName);
  it('text contains is accent and case tolerant', () => {
    const p = compileFilter({ combinator: 'and', rules: [{ field: 'name', op: 'contains', value: 'bulent' }] });
    expect(names(people.filter(p))).toEqual(['Bülent']);
    const place = compileFilter({ combinator: 'and', rules: [{ field: 'place', op: 'is', value: 'ENSCHEDE' }] });
    expect(names(people.filter(place))).toEqual(['Bülent', 'Eva']);
  });
  it('and needs all rules, or any', () => {
    const rules = [
      { field: 'place', op: 'is', value: 'Enschede' },
      { field: 'sectors', op: 'includes', value: ['vo'] },
    ] as const;
    expect(names(people.filter(compileFilter({ combinator: 'and', rules: [...rules] as FilterRule[] })))).toEqual(['Bülent']);
    expect(names(people.filter(compileFilter({ combinator: 'or', rules: [...rules] as FilterRule[] })))).toEqual(['Bülent', 'Sanne', 'Eva']);
  });
  it('codes, empty, dates and unfinished rules', () => {
    expect(names(people.filter(compileFilter({ combinator: 'and', rules: [{ field: 'sectors', op: 'empty' }] })))).toEqual(['Eva']);
    expect(names(people.filter(compileFilter({ combinator: 'and', rules: [{ field: 'phase', op: 'anyOf', value: ['matchen', 'gestopt'] }] })))).toEqual(['Sanne', 'Zoë']);
    expect(names(people.filter(compileFilter({ combinator: 'and', rules: [{ field: 'sectors', op: 'excludes', value: ['vo'] }] })))).toEqual(['Eva', 'Zoë']);
    expect(names(people.filter(compileFilter({ combinator: 'and', rules: [{ field: 'updatedAt', op: 'before', value: '2026-06-01' }] })))).toEqual(['Eva']);
    const now = Date.parse('2026-11-10T00:00:00Z');
    expect(names(people.filter(compileFilter({ combinator: 'and', rules: [{ field: 'updatedAt', op: 'olderThanDays', value: '30' }] }, now)))).toEqual(['Eva']);
    expect(people.filter(compileFilter({ combinator: 'and', rules: [{ field: 'place', op: 'contains', value: '' }] }))).toHaveLength(4);
    expect(names(people.filter(compileFilter({ combinator: 'and', rules: [{ field: 'phone', op: 'contains', value: '+31 6 1234' }] })))).toEqual(['Bülent']);
  });
});

describe('sort and group', () => {
  it('sorts Dutch names by the core of the last name, several keys, desc', () => {
    expect(sortRows(people, [{ field: 'name', dir: 'asc' }]).map((c) => c.lastName)).toEqual(['Bakker', 'van den Berg', 'de Vries', 'Yılmaz']);
    expect(sortRows(people, [{ field: 'phase', dir: 'desc' }, { field: 'name', dir: 'asc' }]).map((c) => c.firstName)).toEqual([
      'Zoë', 'Sanne', 'Eva', 'Bülent',
    ]);
    // places compare folded: enschede and Enschede are equal, then the next key decides
    expect(sortRows(people, [{ field: 'place', dir: 'asc' }, { field: 'name', dir: 'desc' }]).map((c) => c.firstName)).toEqual([
      'Zoë', 'Bülent', 'Eva', 'Sanne',
    ]);
  });
  it('groups with counts, multi-valued fields in each group, none last', () => {
    const g = groupRows(people, 'sectors');
    expect(g.map((x) => [x.key, x.count])).toEqual([['po', 1], ['vo', 2], ['mbo', 1], ['', 1]]);
    expect(countBy(people, 'phase')).toEqual({ nieuw: 1, matchen: 1, orienteren: 1, gestopt: 1 });
  });
  it('applies phases, filter, sort and group together', () => {
    const spec = { ...defaultSpec(['nieuw', 'orienteren', 'matchen']), groupBy: 'owner' as const };
    const r = applyView(people, spec);
    expect(r.rows.map((c) => c.firstName)).toEqual(['Eva', 'Sanne', 'Bülent']);
    expect(r.groups!.map((x) => [x.key, x.rows.map((c) => c.firstName)])).toEqual([
      ['anna', ['Eva', 'Bülent']],
      ['daan', ['Sanne']],
    ]);
  });
});

describe('phase history', () => {
  it('computes stays and time per phase, also from out-of-order steps', async () => {
    const { phaseStays, timePerPhase } = await import('./history');
    const h = [
      { to: 'nieuw', at: '2026-01-01T00:00:00.000Z', by: 'anna' },
      { from: 'orienteren', to: 'nieuw', at: '2026-01-21T00:00:00.000Z', by: 'daan' },
      { from: 'nieuw', to: 'orienteren', at: '2026-01-11T00:00:00.000Z', by: 'anna' },
    ];
    const now = Date.parse('2026-01-31T00:00:00.000Z');
    const stays = phaseStays(h, now);
    expect(stays.map((s) => [s.phase, s.ms / 86_400_000, s.until ?? null])).toEqual([
      ['nieuw', 10, '2026-01-11T00:00:00.000Z'],
      ['orienteren', 10, '2026-01-21T00:00:00.000Z'],
      ['nieuw', 10, null],
    ]);
    expect(timePerPhase(h, now).map(([p, ms]) => [p, ms / 86_400_000])).toEqual([['nieuw', 20], ['orienteren', 10]]);
  });
});
