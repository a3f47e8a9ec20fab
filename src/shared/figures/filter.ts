import type { CountedCandidate } from './aggregate';
import { FUNNEL_PHASES, funnelStageOf } from './journey';

/** The fields of a candidate the dashboard needs: counted fields, owner and the phase history. */
export interface FigureCandidate extends CountedCandidate {
  id: string;
  owner: string;
  phaseHistory?: readonly { from?: string | undefined; to: string; at: string }[] | undefined;
}

/**
 * The dashboard's filters. The period is about inflow: candidates created from `from` up to and
 * including `to` (dates `YYYY-MM-DD`), so "this quarter" shows the people who came in then.
 */
export interface FigureFilter {
  from?: string | undefined;
  to?: string | undefined;
  sector?: string | undefined;
  function?: string | undefined;
  subject?: string | undefined;
  owner?: string | undefined;
}

export function matchesFigureFilter(c: FigureCandidate, f: FigureFilter): boolean {
  const day = c.createdAt.slice(0, 10);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  if (f.sector && !(c.sectors ?? []).includes(f.sector)) return false;
  if (f.function && !(c.functions ?? []).includes(f.function)) return false;
  if (f.subject && !(c.subjects ?? []).includes(f.subject)) return false;
  if (f.owner && c.owner !== f.owner) return false;
  return true;
}

/** What a tile or bar counts; `value` is the phase, sector, … or month (`YYYY-MM`) of that bar. */
export type FigureDimension = 'total' | 'phase' | 'sector' | 'function' | 'subject' | 'route' | 'source' | 'inflow' | 'funnel';

export interface FigureKey {
  dimension: FigureDimension;
  value?: string | undefined;
}

/**
 * Whether a candidate (already inside the filter) is one of those a tile counts. The click-through
 * list is exactly the candidates for which this holds, so list and tile show the same number.
 */
export function countedBy(c: FigureCandidate, key: FigureKey): boolean {
  const v = key.value;
  switch (key.dimension) {
    case 'total':
      return true;
    case 'phase':
      return c.phase === v;
    case 'sector':
      return !!v && (c.sectors ?? []).includes(v);
    case 'function':
      return !!v && (c.functions ?? []).includes(v);
    case 'subject':
      return !!v && (c.subjects ?? []).includes(v);
    case 'route':
      return c.preferredRoute === v;
    case 'source':
      return c.source === v;
    case 'inflow':
      return c.createdAt.slice(0, 7) === v;
    case 'funnel':
      return funnelStageOf(c) >= (FUNNEL_INDEX.get(v ?? '') ?? Infinity);
  }
}

const FUNNEL_INDEX = new Map<string, number>(FUNNEL_PHASES.map((p, i) => [p, i]));
