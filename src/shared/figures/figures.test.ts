import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateFigures } from './aggregate';
import { countedBy, matchesFigureFilter, type FigureCandidate, type FigureFilter, type FigureKey } from './filter';
import { countsOf, FigureAggregator, type DashboardFigures } from './incremental';
import { isoMs } from './journey';

const PHASE_ORDER = ['nieuw', 'orienteren', 'voorbereiden', 'matchen', 'opleiden', 'geplaatst'];
const ALL_PHASES = [...PHASE_ORDER, 'on_hold', 'gestopt'];
const SECTORS = ['po', 'vo', 'mbo', 'so'];
const FUNCTIONS = ['leraar', 'onderwijsassistent', 'instructeur'];
const SUBJECTS = ['wiskunde', 'engels', 'biologie'];
const OWNERS = ['anna', 'daan', 'carla'];

const day = fc.integer({ min: 0, max: 700 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString());

const candidate = (id: string): fc.Arbitrary<FigureCandidate> =>
  fc.record({
    phase: fc.constantFrom(...ALL_PHASES),
    sectors: fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 3 }),
    functions: fc.uniqueArray(fc.constantFrom(...FUNCTIONS), { maxLength: 2 }),
    subjects: fc.uniqueArray(fc.constantFrom(...SUBJECTS), { maxLength: 2 }),
    preferredRoute: fc.option(fc.constantFrom('zij-instroom', 'pabo', 'lerarenopleiding'), { nil: undefined }),
    source: fc.constantFrom('manual', 'website', 'event'),
    createdAt: day,
    owner: fc.constantFrom(...OWNERS),
    phaseHistory: fc.option(
      fc.array(fc.record({ to: fc.constantFrom(...ALL_PHASES), at: day }), { maxLength: 6 }).map((h) => [...h].sort((a, b) => a.at.localeCompare(b.at))),
      { nil: undefined },
    ),
    id: fc.constant(id),
  });

const candidates = fc.integer({ min: 0, max: 60 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidate(`c${i}`))));

const filter: fc.Arbitrary<FigureFilter> = fc.record(
  {
    from: fc.constantFrom('2025-03-01', '2025-06-15'),
    to: fc.constantFrom('2025-12-31', '2026-06-30'),
    sector: fc.constantFrom(...SECTORS),
    function: fc.constantFrom(...FUNCTIONS),
    subject: fc.constantFrom(...SUBJECTS),
    owner: fc.constantFrom(...OWNERS),
  },
  { requiredKeys: [] },
);

/** The reference: everything counted the plain way, written apart from the aggregator. */
function reference(all: readonly FigureCandidate[], f: FigureFilter): DashboardFigures {
  const rows = all.filter((c) => {
    const d = c.createdAt.slice(0, 10);
    return (
      (!f.from || d >= f.from) &&
      (!f.to || d <= f.to) &&
      (!f.sector || (c.sectors ?? []).includes(f.sector)) &&
      (!f.function || (c.functions ?? []).includes(f.function)) &&
      (!f.subject || (c.subjects ?? []).includes(f.subject)) &&
      (!f.owner || c.owner === f.owner)
    );
  });
  const tally = (keys: (c: FigureCandidate) => (string | undefined)[]) => {
    const t: Record<string, number> = {};
    for (const c of rows) for (const k of keys(c)) if (k) t[k] = (t[k] ?? 0) + 1;
    return t;
  };
  const bySector = tally((c) => [...(c.sectors ?? [])]);
  const furthest = (c: FigureCandidate) => Math.max(0, ...[c.phase, ...(c.phaseHistory ?? []).map((h) => h.to)].map((p) => PHASE_ORDER.indexOf(p)));
  const reached = PHASE_ORDER.map((_, i) => rows.filter((c) => furthest(c) >= i).length);
  const medianDaysInPhase: Record<string, number | null> = {};
  for (const p of ALL_PHASES) {
    const stays: number[] = [];
    for (const c of rows) {
      const h = c.phaseHistory ?? [];
      for (let i = 0; i < h.length - 1; i++) if (h[i]!.to === p) stays.push(Math.max(0, Date.parse(h[i + 1]!.at) - Date.parse(h[i]!.at)));
    }
    stays.sort((a, b) => a - b);
    const n = stays.length;
    medianDaysInPhase[p] = n === 0 ? null : (n % 2 ? stays[(n - 1) / 2]! : (stays[n / 2 - 1]! + stays[n / 2]!) / 2) / 86_400_000;
  }
  return {
    total: rows.length,
    byPhase: tally((c) => [c.phase]),
    bySector,
    byFunction: tally((c) => [...(c.functions ?? [])]),
    bySubject: tally((c) => [...(c.subjects ?? [])]),
    byRoute: tally((c) => [c.preferredRoute]),
    bySource: tally((c) => [c.source]),
    inflowByMonth: tally((c) => [c.createdAt.slice(0, 7)]),
    poVoRatio: bySector.vo ? (bySector.po ?? 0) / bySector.vo : null,
    funnel: PHASE_ORDER.map((phase, i) => {
      const dropOut = i + 1 < PHASE_ORDER.length ? reached[i]! - reached[i + 1]! : 0;
      return { phase, reached: reached[i]!, dropOut, dropOutRate: reached[i] ? dropOut / reached[i]! : null };
    }),
    medianDaysInPhase,
  };
}

describe('dashboard figures', () => {
  it('equal a plain reference count of generated candidates, for any filter', () => {
    fc.assert(
      fc.property(candidates, filter, (all, f) => {
        expect(FigureAggregator.of(all, f).figures()).toEqual(reference(all, f));
      }),
      { numRuns: 200 },
    );
  });

  it('stay equal to a full recount after random additions, edits and removals', () => {
    const edit = fc.record({ slot: fc.integer({ min: 0, max: 25 }), next: fc.option(candidate('x'), { nil: null }) });
    fc.assert(
      fc.property(candidates, fc.array(edit, { maxLength: 40 }), filter, (start, edits, f) => {
        const live = new Map(start.map((c) => [c.id, c]));
        const agg = FigureAggregator.of(start, f);
        for (const { slot, next } of edits) {
          const id = `c${slot}`;
          const old = live.get(id) ?? null;
          const doc = next ? { ...next, id } : null;
          agg.apply(old, doc);
          if (doc) live.set(id, doc);
          else live.delete(id);
        }
        const now = agg.figures();
        const rest = [...live.values()];
        // The shared contract's full count (aggregateFigures) over the same filtered set…
        expect(countsOf(now)).toEqual(aggregateFigures(rest.filter((c) => matchesFigureFilter(c, f))));
        // …and funnel and medians as a fresh aggregator computes them.
        expect(now).toEqual(FigureAggregator.of(rest, f).figures());
      }),
      { numRuns: 200 },
    );
  });

  it('counts behind every tile are exactly the candidates the click-through selects', () => {
    fc.assert(
      fc.property(candidates, filter, (all, f) => {
        const figs = FigureAggregator.of(all, f).figures();
        const inFilter = all.filter((c) => matchesFigureFilter(c, f));
        const n = (key: FigureKey) => inFilter.filter((c) => countedBy(c, key)).length;
        expect(n({ dimension: 'total' })).toBe(figs.total);
        const tables = [
          ['phase', figs.byPhase],
          ['sector', figs.bySector],
          ['function', figs.byFunction],
          ['subject', figs.bySubject],
          ['route', figs.byRoute],
          ['source', figs.bySource],
          ['inflow', figs.inflowByMonth],
        ] as const;
        for (const [dimension, table] of tables) for (const [value, count] of Object.entries(table)) expect(n({ dimension, value })).toBe(count);
        for (const step of figs.funnel) expect(n({ dimension: 'funnel', value: step.phase })).toBe(step.reached);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the po:vo ratio, the funnel drop-out and median stays of a small known case', () => {
    const c = (id: string, sectors: string[], history: [string, string][], phase: string): FigureCandidate => ({
      id, owner: 'anna', source: 'manual', createdAt: '2026-01-05T10:00:00.000Z', phase, sectors,
      phaseHistory: history.map(([to, at]) => ({ to, at: `${at}T10:00:00.000Z` })),
    });
    const figs = FigureAggregator.of([
      c('a', ['po'], [['nieuw', '2026-01-01'], ['orienteren', '2026-01-11'], ['matchen', '2026-01-15']], 'matchen'),
      c('b', ['po', 'vo'], [['nieuw', '2026-01-01'], ['orienteren', '2026-01-03'], ['gestopt', '2026-01-09']], 'gestopt'),
      c('d', ['vo'], [['nieuw', '2026-01-01']], 'nieuw'),
    ]).figures();
    expect(figs.poVoRatio).toBe(1);
    expect(figs.funnel.slice(0, 4).map((s) => [s.reached, s.dropOut])).toEqual([[3, 1], [2, 1], [1, 0], [1, 1]]);
    expect(figs.medianDaysInPhase.nieuw).toBe(6);
    expect(figs.medianDaysInPhase.orienteren).toBe(5);
    expect(figs.medianDaysInPhase.matchen).toBeNull();
  });
});

describe('isoMs', () => {
  it('reads timestamps exactly as Date.parse does', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const s = d.toISOString();
        expect(isoMs(s)).toBe(Date.parse(s));
        expect(isoMs(s.slice(0, 19) + 'Z')).toBe(Date.parse(s.slice(0, 19) + 'Z'));
      }),
    );
    expect(isoMs('2026-03-01T10:00:00+01:00')).toBe(Date.parse('2026-03-01T10:00:00+01:00'));
  });
});
