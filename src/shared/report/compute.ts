import type { CountTable } from '../figures/types';
import { quarterRange, shiftQuarter } from './quarter';

/**
 * The quarterly report (Kwartaalrapportage): stock per phase at quarter end, inflow, outflow and
 * transitions between phases, overall and per sector and function. Everything is reconstructed
 * from each candidate's `createdAt` and `phaseHistory`, never from today's `phase` (unless a
 * candidate has no history at all), so the report of a past quarter does not change when today's
 * data changes. Pure: no DOM, no Node.
 */

/** Phases a candidate leaves the journey through: reaching one of them is outflow. */
export const TERMINAL_PHASES: readonly string[] = ['geplaatst', 'gestopt'];

export interface ReportCandidate {
  id: string;
  phase: string;
  createdAt: string;
  sectors?: readonly string[];
  functions?: readonly string[];
  phaseHistory?: readonly { from?: string | undefined; to: string; at: string }[];
}

export interface Breakdown {
  stock: CountTable;
  inflow: CountTable;
  outflow: CountTable;
}

export interface QuarterFigures {
  quarter: string;
  /** Candidates that existed at quarter end, by the phase they were in at that moment. */
  stock: CountTable;
  stockTotal: number | null;
  /** Candidates created during the quarter. */
  inflow: number | null;
  /** Moves into a terminal phase during the quarter, by that phase. */
  outflow: CountTable;
  outflowTotal: number | null;
  /** Phase changes during the quarter, key `from>to`. */
  transitions: CountTable;
  bySector: Breakdown;
  byFunction: Breakdown;
}

export type ReportScope = 'region' | 'alliance';

export interface QuarterReport {
  scope: ReportScope;
  /** Region code or alliance id. */
  id: string;
  name: string;
  /** The regions whose candidates are counted. */
  regions: string[];
  quarter: string;
  generatedAt: string;
  /** Cells under this number are null; null when nothing was suppressed (a region's own report). */
  suppressBelow: number | null;
  current: QuarterFigures;
  previous: QuarterFigures;
  yearEarlier: QuarterFigures;
}

interface Prepared {
  created: number;
  phase: string;
  sectors: readonly string[];
  functions: readonly string[];
  changes: { from: string | undefined; to: string; at: number }[];
}

function prepare(c: ReportCandidate): Prepared {
  const changes: Prepared['changes'] = [];
  let sorted = true;
  for (const h of c.phaseHistory ?? []) {
    const at = Date.parse(h.at);
    if (Number.isNaN(at)) continue;
    if (changes.length > 0 && at < changes[changes.length - 1]!.at) sorted = false;
    changes.push({ from: h.from, to: h.to, at });
  }
  // History is kept oldest first; a merge of two offline edits may not be, so sort only then.
  if (!sorted) changes.sort((a, b) => a.at - b.at);
  return { created: Date.parse(c.createdAt), phase: c.phase, sectors: c.sectors ?? [], functions: c.functions ?? [], changes };
}

/** The phase a candidate was in just before `t`, or null when she did not exist yet. */
function phaseBefore(c: Prepared, t: number): string | null {
  if (!(c.created < t)) return null;
  let phase: string | undefined;
  for (const h of c.changes) {
    if (h.at < t) phase = h.to;
    else break;
  }
  if (phase !== undefined) return phase;
  // Only later changes: she was in the phase the first of them left.
  const first = c.changes[0];
  if (first) return first.from ?? first.to;
  return c.phase;
}

const bump = (t: Record<string, number>, k: string) => {
  t[k] = (t[k] ?? 0) + 1;
};

function emptyBreakdown(): { stock: Record<string, number>; inflow: Record<string, number>; outflow: Record<string, number> } {
  return { stock: {}, inflow: {}, outflow: {} };
}

function figuresFor(list: readonly Prepared[], quarter: string): QuarterFigures {
  const r = quarterRange(quarter);
  const start = Date.parse(r.start);
  const end = Date.parse(r.end);
  const stock: Record<string, number> = {};
  const outflow: Record<string, number> = {};
  const transitions: Record<string, number> = {};
  const bySector = emptyBreakdown();
  const byFunction = emptyBreakdown();
  let stockTotal = 0;
  let inflow = 0;
  let outflowTotal = 0;
  for (const c of list) {
    const atEnd = phaseBefore(c, end);
    if (atEnd === null) continue;
    stockTotal++;
    bump(stock, atEnd);
    for (const s of c.sectors) bump(bySector.stock, s);
    for (const f of c.functions) bump(byFunction.stock, f);
    if (c.created >= start) {
      inflow++;
      for (const s of c.sectors) bump(bySector.inflow, s);
      for (const f of c.functions) bump(byFunction.inflow, f);
    }
    for (const h of c.changes) {
      if (h.at < start || h.at >= end || h.from === undefined || h.from === h.to) continue;
      bump(transitions, `${h.from}>${h.to}`);
      if (TERMINAL_PHASES.includes(h.to) && !TERMINAL_PHASES.includes(h.from)) {
        outflowTotal++;
        bump(outflow, h.to);
        for (const s of c.sectors) bump(bySector.outflow, s);
        for (const f of c.functions) bump(byFunction.outflow, f);
      }
    }
  }
  return { quarter, stock, stockTotal, inflow, outflow, outflowTotal, transitions, bySector, byFunction };
}

export interface ReportSubject {
  scope: ReportScope;
  id: string;
  name: string;
  regions: string[];
}

/**
 * The report of `quarter` for a set of candidates (each counted once: pass candidates of several
 * regions deduplicated by id, see `uniqueById`), with the previous quarter and the same quarter a
 * year earlier.
 */
export function quarterReport(
  candidates: Iterable<ReportCandidate>,
  quarter: string,
  subject: ReportSubject,
  now: Date = new Date(),
): QuarterReport {
  const list = [...candidates].map(prepare);
  return {
    ...subject,
    quarter,
    generatedAt: now.toISOString(),
    suppressBelow: null,
    current: figuresFor(list, quarter),
    previous: figuresFor(list, shiftQuarter(quarter, -1)),
    yearEarlier: figuresFor(list, shiftQuarter(quarter, -4)),
  };
}

/** Candidates of several regions' databases, each once (a linked candidate is in each of them). */
export function uniqueById<T extends { id: string }>(lists: Iterable<Iterable<T>>): T[] {
  const seen = new Map<string, T>();
  for (const l of lists) for (const c of l) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

const cell = (v: number | null, below: number) => (v !== null && v < below ? null : v);
function table(t: CountTable, below: number): CountTable {
  const out: CountTable = {};
  for (const [k, v] of Object.entries(t)) out[k] = cell(v, below);
  return out;
}
const breakdown = (b: Breakdown, below: number): Breakdown => ({
  stock: table(b.stock, below),
  inflow: table(b.inflow, below),
  outflow: table(b.outflow, below),
});

function suppressFigures(f: QuarterFigures, below: number): QuarterFigures {
  return {
    quarter: f.quarter,
    stock: table(f.stock, below),
    stockTotal: cell(f.stockTotal, below),
    inflow: cell(f.inflow, below),
    outflow: table(f.outflow, below),
    outflowTotal: cell(f.outflowTotal, below),
    transitions: table(f.transitions, below),
    bySector: breakdown(f.bySector, below),
    byFunction: breakdown(f.byFunction, below),
  };
}

/** Cells under `below` become null: for a report that leaves the regions it counts (an alliance). */
export function suppressReport(r: QuarterReport, below: number): QuarterReport {
  return {
    ...r,
    suppressBelow: below,
    current: suppressFigures(r.current, below),
    previous: suppressFigures(r.previous, below),
    yearEarlier: suppressFigures(r.yearEarlier, below),
  };
}
