/**
 * Counts about candidates, the contract between the in-app dashboard, the server's aggregates for
 * regions, alliances and the country, and the quarterly report. Counts only: no personal data.
 * A `null` count is a suppressed cell (fewer than SUPPRESS_BELOW people, so nobody can be singled out).
 */
export type CountTable = Record<string, number | null>;

export interface AggregateFigures {
  total: number | null;
  byPhase: CountTable;
  bySector: CountTable;
  byFunction: CountTable;
  bySubject: CountTable;
  byRoute: CountTable;
  bySource: CountTable;
  /** Candidates created per month, key `YYYY-MM`. */
  inflowByMonth: CountTable;
}

export type FigureScope = 'region' | 'alliance' | 'country';

export interface ScopeFigures {
  scope: FigureScope;
  /** Region code, alliance id, or `nl` for the country. */
  id: string;
  name: string;
  figures: AggregateFigures;
}

/** Answer of `GET /_regiodesk/figures`. */
export interface FiguresResponse {
  generatedAt: string;
  suppressBelow: number;
  scopes: ScopeFigures[];
}

export const SUPPRESS_BELOW = 5;
