import { FUNCTIONS, PHASES, SECTORS, type Locale } from '../taxonomy';
import type { CountTable } from '../figures/types';
import type { QuarterFigures, QuarterReport } from './compute';
import { TERMINAL_PHASES } from './compute';
import { functionLabel, phaseLabel, REPORT_WORDS, sectorLabel } from './labels';
import { quarterLabel } from './quarter';

/** One line of the report's underlying table: three periods side by side. */
export interface ReportRow {
  section: string;
  item: string;
  current: number | null;
  previous: number | null;
  yearEarlier: number | null;
}

export interface ReportTable {
  columns: [string, string, string, string, string];
  rows: ReportRow[];
}

type Period = 'current' | 'previous' | 'yearEarlier';
const PERIODS: Period[] = ['current', 'previous', 'yearEarlier'];

/** Keys present in any period, in taxonomy order first, then any unknown code. */
function keysOf(order: readonly string[], tables: CountTable[]): string[] {
  const present = new Set(tables.flatMap((t) => Object.keys(t)));
  return [...order.filter((k) => present.has(k)), ...[...present].filter((k) => !order.includes(k)).sort()];
}

const PHASE_ORDER = PHASES.map((p) => p.code as string);

/** The rows of the report, in reading order; used by the screen, the PDF, CSV and XLSX alike. */
export function reportTable(r: QuarterReport, lang: Locale = 'nl'): ReportTable {
  const w = REPORT_WORDS[lang];
  const rows: ReportRow[] = [];
  const row = (section: string, item: string, pick: (f: QuarterFigures) => number | null | undefined) =>
    rows.push({ section, item, ...(Object.fromEntries(PERIODS.map((p) => [p, pick(r[p]) ?? 0])) as Record<Period, number | null>) });
  const tableRows = (section: string, order: readonly string[], pick: (f: QuarterFigures) => CountTable, label: (k: string) => string) => {
    for (const k of keysOf(order, PERIODS.map((p) => pick(r[p])))) row(section, label(k), (f) => pick(f)[k]);
  };

  tableRows(w.stock, PHASE_ORDER, (f) => f.stock, (k) => phaseLabel(k, lang));
  row(w.stock, w.stockTotal, (f) => f.stockTotal);
  row(w.flow, w.inflow, (f) => f.inflow);
  row(w.flow, w.outflowTotal, (f) => f.outflowTotal);
  tableRows(w.flow, TERMINAL_PHASES, (f) => f.outflow, (k) => `${w.outflowTo} ${phaseLabel(k, lang).toLowerCase()}`);
  const transitionOrder = PHASE_ORDER.flatMap((a) => PHASE_ORDER.map((b) => `${a}>${b}`));
  tableRows(w.transitions, transitionOrder, (f) => f.transitions, (k) => {
    const [a = '', b = ''] = k.split('>');
    return `${phaseLabel(a, lang)} → ${phaseLabel(b, lang)}`;
  });
  for (const [section, order, pickB, label] of [
    [w.sector, SECTORS.map((s) => s.code as string), (f: QuarterFigures) => f.bySector, sectorLabel],
    [w.function, FUNCTIONS.map((s) => s.code as string), (f: QuarterFigures) => f.byFunction, functionLabel],
  ] as const) {
    for (const [part, short] of [['stock', w.stockShort], ['inflow', w.inflowShort], ['outflow', w.outflowShort]] as const) {
      tableRows(section, order, (f) => pickB(f)[part], (k) => `${label(k, lang)} (${short})`);
    }
  }
  return {
    columns: [w.section, w.item, `${w.current} (${quarterLabel(r.quarter, lang)})`, `${w.previous} (${quarterLabel(r.previous.quarter, lang)})`, `${w.yearEarlier} (${quarterLabel(r.yearEarlier.quarter, lang)})`],
    rows,
  };
}

/** A cell as people read it: a suppressed count is a dash. */
export const showCount = (v: number | null) => (v === null ? '–' : String(v));
