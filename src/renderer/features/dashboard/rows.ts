import { FUNCTIONS, labelOf, PHASES, ROUTES, SECTORS, SOURCES, SUBJECTS, type FigureDimension, type Locale, type Term } from '../../../shared';
import type { CountRow } from './CountTable';

export const TERMS_OF: Partial<Record<FigureDimension, readonly Term[]>> = {
  phase: PHASES,
  funnel: PHASES,
  sector: SECTORS,
  function: FUNCTIONS,
  subject: SUBJECTS,
  route: ROUTES,
  source: SOURCES,
};

/** The label of a figure's value: a taxonomy label, or the value itself (a month). */
export function valueLabel(dimension: FigureDimension, value: string, locale: Locale): string {
  const terms = TERMS_OF[dimension];
  return terms ? labelOf(terms, value, locale) : value;
}

/** Rows of a count table: phases in journey order, months in time order, the rest largest first. */
export function rowsOf(dimension: FigureDimension, table: Record<string, number>, locale: Locale): CountRow[] {
  const rows = Object.entries(table).map(([key, count]) => ({ key, count, label: valueLabel(dimension, key, locale) }));
  if (dimension === 'phase') {
    const order = PHASES.map((p) => p.code as string);
    return rows.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  }
  if (dimension === 'inflow') return rows.sort((a, b) => a.key.localeCompare(b.key)).slice(-24);
  return rows.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
