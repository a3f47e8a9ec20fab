import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, PHASES, SECTORS } from '../taxonomy';
import { quarterReport, suppressReport, TERMINAL_PHASES, uniqueById, type ReportCandidate } from './compute';
import { csvCell, reportCsv } from './csv';
import { reportPdf } from './pdf';
import { isQuarter, lastClosedQuarter, quarterLabel, quarterOf, quarterRange, shiftQuarter } from './quarter';
import { reportTable } from './table';

const PHASE_CODES = PHASES.map((p) => p.code as string);
const T0 = Date.UTC(2024, 0, 1);
const T1 = Date.UTC(2026, 11, 31);
const subject = { scope: 'region' as const, id: 'twente', name: 'Twente', regions: ['twente'] };
const NOW = new Date('2026-11-25T12:00:00Z');

/** Candidates with a believable history: created, then moves at strictly later moments. */
const candidateArb = fc
  .record({
    created: fc.integer({ min: T0, max: T1 }),
    steps: fc.array(fc.tuple(fc.constantFrom(...PHASE_CODES), fc.integer({ min: 1, max: 200 * 86_400_000 })), { maxLength: 5 }),
    first: fc.constantFrom(...PHASE_CODES),
    sectors: fc.uniqueArray(fc.constantFrom(...SECTORS.map((s) => s.code as string)), { maxLength: 2 }),
    functions: fc.uniqueArray(fc.constantFrom(...FUNCTIONS.map((s) => s.code as string)), { maxLength: 2 }),
    noHistory: fc.boolean(),
  })
  .map(({ created, steps, first, sectors, functions, noHistory }): Omit<ReportCandidate, 'id'> => {
    let at = created;
    let phase = first;
    const phaseHistory: { from?: string; to: string; at: string }[] = [{ to: first, at: new Date(created).toISOString() }];
    for (const [to, gap] of steps) {
      at += gap;
      phaseHistory.push({ from: phase, to, at: new Date(at).toISOString() });
      phase = to;
    }
    return { phase, createdAt: new Date(created).toISOString(), sectors, functions, ...(noHistory ? {} : { phaseHistory }) };
  });
const dataArb = fc.array(candidateArb, { maxLength: 60 }).map((l) => l.map((c, i) => ({ ...c, id: `c${i}` })));
const quarterArb = fc.tuple(fc.integer({ min: 2024, max: 2026 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}Q${q}`);

/** The plain reference: each figure counted on its own, straight from the definition. */
function reference(list: ReportCandidate[], quarter: string) {
  const { start, end } = quarterRange(quarter);
  const s = Date.parse(start);
  const e = Date.parse(end);
  const phaseAtEnd = (c: ReportCandidate) => {
    const h = c.phaseHistory ?? [];
    const before = h.filter((x) => Date.parse(x.at) < e);
    if (before.length) return before[before.length - 1]!.to;
    return h.length ? (h[0]!.from ?? h[0]!.to) : c.phase;
  };
  const existing = list.filter((c) => Date.parse(c.createdAt) < e);
  const moves = list.flatMap((c) => (c.phaseHistory ?? []).filter((x) => x.from !== undefined && x.from !== x.to && Date.parse(x.at) >= s && Date.parse(x.at) < e).map((x) => ({ c, x })));
  const exits = moves.filter(({ x }) => TERMINAL_PHASES.includes(x.to) && !TERMINAL_PHASES.includes(x.from!));
  const count = <T,>(items: T[], key: (t: T) => string[]) => {
    const out: Record<string, number> = {};
    for (const i of items) for (const k of key(i)) out[k] = (out[k] ?? 0) + 1;
    return out;
  };
  const inflow = existing.filter((c) => Date.parse(c.createdAt) >= s);
  return {
    quarter,
    stock: count(existing, (c) => [phaseAtEnd(c)]),
    stockTotal: existing.length,
    inflow: inflow.length,
    outflow: count(exits, ({ x }) => [x.to]),
    outflowTotal: exits.length,
    transitions: count(moves, ({ x }) => [`${x.from}>${x.to}`]),
    bySector: { stock: count(existing, (c) => [...(c.sectors ?? [])]), inflow: count(inflow, (c) => [...(c.sectors ?? [])]), outflow: count(exits, ({ c }) => [...(c.sectors ?? [])]) },
    byFunction: { stock: count(existing, (c) => [...(c.functions ?? [])]), inflow: count(inflow, (c) => [...(c.functions ?? [])]), outflow: count(exits, ({ c }) => [...(c.functions ?? [])]) },
  };
}

describe('quarters', () => {
  it('parses, shifts and labels quarters', () => {
    expect(quarterRange('2026Q3')).toEqual({ quarter: '2026Q3', start: '2026-07-01T00:00:00.000Z', end: '2026-10-01T00:00:00.000Z' });
    expect(shiftQuarter('2026Q1', -1)).toBe('2025Q4');
    expect(shiftQuarter('2026Q3', -4)).toBe('2025Q3');
    expect(quarterOf('2026-09-30T23:59:59Z')).toBe('2026Q3');
    expect(lastClosedQuarter(NOW)).toBe('2026Q3');
    expect(quarterLabel('2026Q3')).toBe('3e kwartaal 2026');
    expect(isQuarter('2026Q5')).toBe(false);
    expect(isQuarter('26Q1')).toBe(false);
    expect(() => quarterRange('2026-3')).toThrow();
  });
});

describe('quarterly report', () => {
  it('equals a plain reference count for the quarter, the previous one and a year earlier', () => {
    fc.assert(
      fc.property(dataArb, quarterArb, (list, q) => {
        const r = quarterReport(list, q, subject, NOW);
        expect(r.current).toEqual(reference(list, q));
        expect(r.previous).toEqual(reference(list, shiftQuarter(q, -1)));
        expect(r.yearEarlier).toEqual(reference(list, shiftQuarter(q, -4)));
      }),
      { numRuns: 150 },
    );
  });

  it("a past quarter's report does not change when today's data changes", () => {
    fc.assert(
      fc.property(dataArb, fc.array(fc.constantFrom(...PHASE_CODES), { minLength: 60, maxLength: 60 }), (list, moves) => {
        const q = '2026Q2';
        const before = quarterReport(list, q, subject, NOW);
        // Today: every candidate with a history moves (as the app records it), and new ones arrive.
        const today = NOW.toISOString();
        const changed: ReportCandidate[] = list.map((c, i) =>
          c.phaseHistory && Date.parse(c.phaseHistory.at(-1)!.at) < NOW.getTime()
            ? { ...c, phase: moves[i]!, phaseHistory: [...c.phaseHistory, { from: c.phase, to: moves[i]!, at: today }] }
            : c,
        );
        changed.push({ id: 'new', phase: 'nieuw', createdAt: today, phaseHistory: [{ to: 'nieuw', at: today }] });
        expect(quarterReport(changed, q, subject, NOW)).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('counts a candidate of several regions once and suppresses small cells for alliances', () => {
    const c = (id: string, phase: string): ReportCandidate => ({ id, phase, createdAt: '2026-07-10T10:00:00.000Z', phaseHistory: [{ to: phase, at: '2026-07-10T10:00:00.000Z' }] });
    const twente = [c('a', 'nieuw'), c('b', 'nieuw'), ...Array.from({ length: 6 }, (_, i) => c(`m${i}`, 'matchen'))];
    const zwolle = [c('a', 'nieuw'), c('z', 'opleiden')];
    const all = uniqueById([twente, zwolle]);
    expect(all).toHaveLength(9);
    const r = suppressReport(quarterReport(all, '2026Q3', { scope: 'alliance', id: 'ov', name: 'Overijssel', regions: ['twente', 'zwolle'] }, NOW), 5);
    expect(r.current.stockTotal).toBe(9);
    expect(r.current.stock).toEqual({ nieuw: null, matchen: 6, opleiden: null });
    expect(r.suppressBelow).toBe(5);
    expect(r.previous.stockTotal).toBeNull(); // 0 people is under 5 too
  });
});

describe('exports', () => {
  const list: ReportCandidate[] = Array.from({ length: 12 }, (_, i) => ({
    id: `c${i}`,
    phase: i % 3 ? 'orienteren' : 'gestopt',
    createdAt: '2026-07-02T09:00:00.000Z',
    sectors: ['po'],
    functions: ['docent'],
    phaseHistory: [{ to: 'nieuw', at: '2026-07-02T09:00:00.000Z' }, { from: 'nieuw', to: i % 3 ? 'orienteren' : 'gestopt', at: '2026-08-02T09:00:00.000Z' }],
  }));
  const r = quarterReport(list, '2026Q3', subject, NOW);

  it('makes a table with Dutch labels and the three periods', () => {
    const t = reportTable(r);
    expect(t.columns[2]).toBe('Dit kwartaal (3e kwartaal 2026)');
    expect(t.rows).toContainEqual({ section: 'Stand per fase (einde kwartaal)', item: 'Totaal in bestand', current: 12, previous: 0, yearEarlier: 0 });
    expect(t.rows).toContainEqual(expect.objectContaining({ item: 'Uitstroom naar gestopt', current: 4 }));
    expect(t.rows).toContainEqual(expect.objectContaining({ section: 'Overgangen tussen fasen', item: 'Nieuw → Oriënteren', current: 8 }));
    expect(reportTable(r, 'en').columns[2]).toBe('This quarter (Q3 2026)');
  });

  it('writes CSV with BOM and ; and neutralises formulas', () => {
    const csv = reportCsv(reportTable(r));
    expect(csv.startsWith('\uFEFFOnderdeel;Omschrijving;')).toBe(true);
    expect(csv).toContain('Stand per fase (einde kwartaal);Totaal in bestand;12;0;0\r\n');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+31')).toBe("'+31");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM')).toBe("'@SUM");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-5)).toBe('-5');
  });

  it('makes a PDF', () => {
    const pdf = new Uint8Array(reportPdf(r));
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
    // Transition labels are written with characters the standard fonts have (no arrow).
    const raw = new TextDecoder('latin1').decode(pdf);
    expect(raw).toContain('(Nieuw > Ori');
  });
});
