import { PHASES } from '../taxonomy/phases';
import type { AggregateFigures } from './types';
import { matchesFigureFilter, type FigureCandidate, type FigureFilter } from './filter';
import { FIGURE_DAY_MS, FUNNEL_PHASES, funnelStageOf, isoMs } from './journey';
import { SortedBag } from './multiset';

export interface FunnelStep {
  phase: string;
  /** Candidates who reached this step or a later one. */
  reached: number;
  /** Reached this step but not the next (0 for the last step). */
  dropOut: number;
  /** dropOut / reached, null when nobody reached the step. */
  dropOutRate: number | null;
}

/** Everything the dashboard shows about candidates, for one region and filter. */
export interface DashboardFigures {
  total: number;
  byPhase: Record<string, number>;
  bySector: Record<string, number>;
  byFunction: Record<string, number>;
  bySubject: Record<string, number>;
  byRoute: Record<string, number>;
  bySource: Record<string, number>;
  inflowByMonth: Record<string, number>;
  /** Interest in primary over secondary education (po:vo), null without any vo. */
  poVoRatio: number | null;
  funnel: FunnelStep[];
  /** Median of completed stays in each phase, in days; null when nobody left the phase yet. */
  medianDaysInPhase: Record<string, number | null>;
}

type Table = Record<string, number>;

function bump(t: Table, key: string | undefined, d: number): void {
  if (!key) return;
  const n = (t[key] ?? 0) + d;
  // Keys at zero go, so the tables equal a fresh count (aggregateFigures) key for key.
  if (n === 0) delete t[key];
  else t[key] = n;
}

/**
 * Dashboard figures kept up to date one candidate at a time: `apply(old, next)` takes out what the
 * old version counted and adds what the new one counts, so a change costs the same with 10 or
 * 100,000 candidates (no recount). Candidates outside the filter are ignored.
 */
export class FigureAggregator {
  private total = 0;
  private readonly byPhase: Table = {};
  private readonly bySector: Table = {};
  private readonly byFunction: Table = {};
  private readonly bySubject: Table = {};
  private readonly byRoute: Table = {};
  private readonly bySource: Table = {};
  private readonly inflowByMonth: Table = {};
  private readonly stage = new Array<number>(FUNNEL_PHASES.length).fill(0);
  private readonly stays = new Map<string, SortedBag>(PHASES.map((p) => [p.code, new SortedBag()]));

  private readonly unfiltered: boolean;

  constructor(readonly filter: FigureFilter = {}) {
    this.unfiltered = !Object.values(filter).some(Boolean);
  }

  static of(candidates: Iterable<FigureCandidate>, filter: FigureFilter = {}): FigureAggregator {
    const a = new FigureAggregator(filter);
    for (const c of candidates) a.apply(null, c);
    return a;
  }

  /** One candidate added (old null), changed, or removed (next null). */
  apply(old: FigureCandidate | null | undefined, next: FigureCandidate | null | undefined): void {
    if (old && (this.unfiltered || matchesFigureFilter(old, this.filter))) this.count(old, -1);
    if (next && (this.unfiltered || matchesFigureFilter(next, this.filter))) this.count(next, 1);
  }

  private count(c: FigureCandidate, d: number): void {
    this.total += d;
    bump(this.byPhase, c.phase, d);
    for (const s of c.sectors ?? []) bump(this.bySector, s, d);
    for (const f of c.functions ?? []) bump(this.byFunction, f, d);
    for (const s of c.subjects ?? []) bump(this.bySubject, s, d);
    bump(this.byRoute, c.preferredRoute, d);
    bump(this.bySource, c.source, d);
    bump(this.inflowByMonth, c.createdAt.slice(0, 7), d);
    this.stage[funnelStageOf(c)]! += d;
    // Completed stays as in phaseStaysOf, inlined: no objects per step on a count of 100,000.
    const h = c.phaseHistory;
    if (h && h.length > 1) {
      let next = isoMs(h[0]!.at);
      for (let i = 0; i + 1 < h.length; i++) {
        const start = next;
        next = isoMs(h[i + 1]!.at);
        const bag = this.stays.get(h[i]!.to);
        if (!bag) continue;
        const ms = next - start;
        const v = Number.isFinite(ms) && ms > 0 ? ms : 0;
        if (d > 0) bag.add(v);
        else bag.remove(v);
      }
    }
  }

  /** A snapshot (copies), cheap: its size depends on the number of codes, not of candidates. */
  figures(): DashboardFigures {
    const funnel: FunnelStep[] = [];
    let reached = 0;
    const reachedAt = new Array<number>(FUNNEL_PHASES.length);
    for (let i = FUNNEL_PHASES.length - 1; i >= 0; i--) reachedAt[i] = reached += this.stage[i]!;
    FUNNEL_PHASES.forEach((phase, i) => {
      const r = reachedAt[i]!;
      const dropOut = i + 1 < FUNNEL_PHASES.length ? r - reachedAt[i + 1]! : 0;
      funnel.push({ phase, reached: r, dropOut, dropOutRate: r ? dropOut / r : null });
    });
    const medianDaysInPhase: Record<string, number | null> = {};
    for (const [phase, bag] of this.stays) {
      const m = bag.median();
      medianDaysInPhase[phase] = m === null ? null : m / FIGURE_DAY_MS;
    }
    const po = this.bySector.po ?? 0;
    const vo = this.bySector.vo ?? 0;
    return {
      total: this.total,
      byPhase: { ...this.byPhase },
      bySector: { ...this.bySector },
      byFunction: { ...this.byFunction },
      bySubject: { ...this.bySubject },
      byRoute: { ...this.byRoute },
      bySource: { ...this.bySource },
      inflowByMonth: { ...this.inflowByMonth },
      poVoRatio: vo ? po / vo : null,
      funnel,
      medianDaysInPhase,
    };
  }
}

/** The plain counts of dashboard figures, in the shared contract's shape. */
export function countsOf(f: DashboardFigures): AggregateFigures {
  const { total, byPhase, bySector, byFunction, bySubject, byRoute, bySource, inflowByMonth } = f;
  return { total, byPhase, bySector, byFunction, bySubject, byRoute, bySource, inflowByMonth };
}
