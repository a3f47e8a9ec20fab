import { create } from 'zustand';
import type { FigureFilter } from '../../../shared';

/** The dashboard's filters, kept while the user looks at a click-through list and comes back. */
export const useDashboardFilter = create<{ filter: FigureFilter }>(() => ({ filter: {} }));

export function setDashboardFilter(patch: Partial<FigureFilter>): void {
  const next: FigureFilter = { ...useDashboardFilter.getState().filter, ...patch };
  for (const k of Object.keys(next) as (keyof FigureFilter)[]) if (!next[k]) delete next[k];
  useDashboardFilter.setState({ filter: next });
}

export function clearDashboardFilter(): void {
  useDashboardFilter.setState({ filter: {} });
}

/** A period whose end lies before its start counts nothing: the form says so instead. */
export function periodProblem(f: FigureFilter): boolean {
  return !!f.from && !!f.to && f.to < f.from;
}
