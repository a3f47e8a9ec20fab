import type { AggregateFigures, CountTable } from './types';
import { SUPPRESS_BELOW } from './types';

/** The fields of a candidate that figures are made of (a subset, so servers and tests can pass plain docs). */
export interface CountedCandidate {
  phase: string;
  sectors?: readonly string[];
  functions?: readonly string[];
  subjects?: readonly string[];
  preferredRoute?: string | undefined;
  source?: string | undefined;
  createdAt: string;
}

function add(table: Record<string, number>, key: string | undefined): void {
  if (!key) return;
  table[key] = (table[key] ?? 0) + 1;
}

/**
 * Plain full count of a set of candidates: the reference that incremental and server-side counts
 * must agree with. A candidate with several sectors counts once in each.
 */
export function aggregateFigures(candidates: Iterable<CountedCandidate>): AggregateFigures {
  const byPhase: Record<string, number> = {};
  const bySector: Record<string, number> = {};
  const byFunction: Record<string, number> = {};
  const bySubject: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  const inflowByMonth: Record<string, number> = {};
  let total = 0;
  for (const c of candidates) {
    total++;
    add(byPhase, c.phase);
    for (const s of c.sectors ?? []) add(bySector, s);
    for (const f of c.functions ?? []) add(byFunction, f);
    for (const s of c.subjects ?? []) add(bySubject, s);
    add(byRoute, c.preferredRoute);
    add(bySource, c.source);
    add(inflowByMonth, c.createdAt.slice(0, 7));
  }
  return { total, byPhase, bySector, byFunction, bySubject, byRoute, bySource, inflowByMonth };
}

function suppressTable(t: CountTable, below: number): CountTable {
  const out: CountTable = {};
  for (const [k, v] of Object.entries(t)) out[k] = v !== null && v < below ? null : v;
  return out;
}

/** Cells under `below` (default 5) become null: for figures that leave the region. */
export function suppressSmallCells(f: AggregateFigures, below = SUPPRESS_BELOW): AggregateFigures {
  return {
    total: f.total !== null && f.total < below ? null : f.total,
    byPhase: suppressTable(f.byPhase, below),
    bySector: suppressTable(f.bySector, below),
    byFunction: suppressTable(f.byFunction, below),
    bySubject: suppressTable(f.bySubject, below),
    byRoute: suppressTable(f.byRoute, below),
    bySource: suppressTable(f.bySource, below),
    inflowByMonth: suppressTable(f.inflowByMonth, below),
  };
}

/** Sum of unsuppressed figures (e.g. the regions of an alliance) before suppression. */
export function sumFigures(list: readonly AggregateFigures[]): AggregateFigures {
  const sum = (pick: (f: AggregateFigures) => CountTable): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const f of list) for (const [k, v] of Object.entries(pick(f))) out[k] = (out[k] ?? 0) + (v ?? 0);
    return out;
  };
  return {
    total: list.reduce((n, f) => n + (f.total ?? 0), 0),
    byPhase: sum((f) => f.byPhase),
    bySector: sum((f) => f.bySector),
    byFunction: sum((f) => f.byFunction),
    bySubject: sum((f) => f.bySubject),
    byRoute: sum((f) => f.byRoute),
    bySource: sum((f) => f.bySource),
    inflowByMonth: sum((f) => f.inflowByMonth),
  };
}
