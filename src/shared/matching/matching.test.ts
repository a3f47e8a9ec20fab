import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CandidatePool, naiveRank, postcodeDistanceKm, rankVacancies, scoreMatch, VacancyPool, type MatchCandidate, type MatchVacancy } from '.';
import { PC2_CENTROIDS } from './postcode-areas';
import { SECTORS, FUNCTIONS, SUBJECTS, ROUTES } from '../taxonomy';

const today = '2026-11-25';
const anna: MatchCandidate = { id: 'anna', phase: 'matchen', sectors: ['vo'], functions: ['docent'], subjects: ['wiskunde', 'natuurkunde'], postcode: '7511 AB', preferredRoute: 'zij_instroom' };
const wiskunde: MatchVacancy = { id: 'vac-wisk', status: 'open', sector: 'vo', function: 'docent', subjects: ['wiskunde'], routes: ['zij_instroom'], postcode: '7550 KK', startDate: '2027-01-05' };

describe('postcode distance (PC2 table)', () => {
  it('covers every two-digit area 10–99 with a point inside the Netherlands', () => {
    for (let n = 10; n <= 99; n++) {
      const [lat, lon] = PC2_CENTROIDS[String(n)]!;
      expect(lat).toBeGreaterThan(50.7);
      expect(lat).toBeLessThan(53.6);
      expect(lon).toBeGreaterThan(3.3);
      expect(lon).toBeLessThan(7.3);
    }
  });

  it('gives plausible distances between known towns and none for unknown postcodes', () => {
    expect(postcodeDistanceKm('1012 AB', '3511 CD')).toBeGreaterThan(25); // Amsterdam–Utrecht ≈ 35 km
    expect(postcodeDistanceKm('1012 AB', '3511 CD')).toBeLessThan(50);
    expect(postcodeDistanceKm('9711 AA', '6211 AA')).toBeGreaterThan(230); // Groningen–Maastricht
    expect(postcodeDistanceKm('7511 AB', '7522 NB')).toBe(5); // same area
    expect(postcodeDistanceKm(undefined, '7511 AB')).toBeNull();
    expect(postcodeDistanceKm('0123 AB', '7511 AB')).toBeNull();
  });
});

describe('scoreMatch', () => {
  it('explains a good match in short reasons: subject ✓, km, zij-instroom', () => {
    const { score, reasons } = scoreMatch(anna, wiskunde, today);
    expect(reasons.filter((r) => r.good).map((r) => r.key)).toEqual(['subject', 'sector', 'function', 'distance', 'route', 'startSoon']);
    expect(reasons[0]).toEqual({ key: 'subject', params: { subject: 'wiskunde' }, good: true });
    expect(reasons.find((r) => r.key === 'distance')?.params).toEqual({ km: 5 });
    expect(score).toBe(100);
  });

  it('scores lower and says why for a worse fit', () => {
    const far = { ...wiskunde, postcode: '1012 AB', subjects: ['duits'], routes: [], startDate: '2027-09-01' };
    const { score, reasons } = scoreMatch(anna, far, today);
    expect(score).toBeLessThan(60);
    expect(reasons.filter((r) => !r.good).map((r) => r.key)).toEqual(['subjectMissing', 'distanceFar', 'startLater']);
  });

  it('a route the school accepts beats one it does not', () => {
    const herintreder = { ...anna, preferredRoute: 'herintreding' };
    expect(scoreMatch(herintreder, wiskunde, today).score).toBeLessThan(scoreMatch(anna, wiskunde, today).score);
    expect(scoreMatch(herintreder, wiskunde, today).reasons.map((r) => r.key)).toContain('routePossible');
  });
});

describe('ranking', () => {
  const vacancies: MatchVacancy[] = [
    wiskunde,
    { ...wiskunde, id: 'vac-far', postcode: '9711 AA' },
    { ...wiskunde, id: 'vac-po', sector: 'po' },
    { ...wiskunde, id: 'vac-filled', status: 'filled' },
    { ...wiskunde, id: 'vac-closed', closingDate: '2026-11-01' },
  ];

  it('ranks only open vacancies in the candidate\'s sectors, nearest best', () => {
    expect(rankVacancies(anna, vacancies, { today }).map((r) => r.item.id)).toEqual(['vac-wisk', 'vac-far']);
  });

  it('does not propose placed or stopped candidates', () => {
    const pool = new CandidatePool([anna, { ...anna, id: 'bert', phase: 'geplaatst' }, { ...anna, id: 'cor', sectors: [] }, { ...anna, id: 'dirk', sectors: ['po'] }]);
    expect(pool.rankFor(wiskunde, { today }).map((r) => r.item.id)).toEqual(['anna', 'cor']);
  });

  const arbCandidate = fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    phase: fc.constantFrom('nieuw', 'matchen', 'geplaatst'),
    sectors: fc.subarray(SECTORS.map((s) => s.code)),
    functions: fc.subarray(FUNCTIONS.map((s) => s.code)),
    subjects: fc.subarray(SUBJECTS.map((s) => s.code)),
    postcode: fc.option(fc.integer({ min: 1000, max: 9999 }).map((n) => `${n} AB`), { nil: undefined }),
    preferredRoute: fc.option(fc.constantFrom(...ROUTES.map((r) => r.code)), { nil: undefined }),
  });
  const arbVacancy = fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }).map((s) => `vac-${s}`),
    status: fc.constantFrom('open', 'open', 'filled'),
    sector: fc.constantFrom(...SECTORS.map((s) => s.code)),
    function: fc.constantFrom(...FUNCTIONS.map((s) => s.code)),
    subjects: fc.subarray(SUBJECTS.map((s) => s.code), { maxLength: 3 }),
    routes: fc.subarray(ROUTES.map((s) => s.code)),
    postcode: fc.option(fc.integer({ min: 1000, max: 9999 }).map((n) => `${n} XY`), { nil: undefined }),
    startDate: fc.option(fc.constantFrom('2026-12-01', '2027-08-15'), { nil: undefined }),
  });

  it('the pools give the same top list as scoring every pair (the benchmark baseline)', () => {
    fc.assert(
      fc.property(fc.array(arbCandidate, { maxLength: 60 }), arbVacancy, (cands, v) => {
        const unique = [...new Map(cands.map((c) => [c.id, c])).values()];
        const fast = new CandidatePool(unique).rankFor(v, { today, limit: 10 }).map((r) => [r.item.id, r.score]);
        const slow = naiveRank(unique.map((c) => ({ c, v, id: c.id })), today, 10).map((r) => [r.id, r.score]);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(arbCandidate, fc.array(arbVacancy, { maxLength: 60 }), (c, vs) => {
        const unique = [...new Map(vs.map((v) => [v.id, v])).values()];
        const fast = new VacancyPool(unique, today).rankFor(c, { limit: 10 }).map((r) => [r.item.id, r.score]);
        const slow = naiveRank(unique.map((v) => ({ c, v, id: v.id })), today, 10).map((r) => [r.id, r.score]);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 200 },
    );
  });
});
