/**
 * Quarters as `YYYYQn` (e.g. 2026Q3). Boundaries are UTC midnights: phase history is stored in UTC
 * and a report must come out the same wherever it is made.
 */
export const QUARTER = /^(\d{4})Q([1-4])$/;

export interface QuarterRange {
  quarter: string;
  /** Inclusive start, ISO. */
  start: string;
  /** Exclusive end, ISO. */
  end: string;
}

export function isQuarter(q: unknown): q is string {
  return typeof q === 'string' && QUARTER.test(q);
}

export function quarterRange(q: string): QuarterRange {
  const m = QUARTER.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  const y = Number(m[1]);
  const n = Number(m[2]);
  return {
    quarter: q,
    start: new Date(Date.UTC(y, (n - 1) * 3, 1)).toISOString(),
    end: new Date(Date.UTC(y, n * 3, 1)).toISOString(),
  };
}

export function shiftQuarter(q: string, by: number): string {
  const m = QUARTER.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + by;
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/** The quarter a moment falls in. */
export function quarterOf(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** The last quarter that has ended before `now` (the usual subject of a report). */
export function lastClosedQuarter(now: Date = new Date()): string {
  return shiftQuarter(quarterOf(now), -1);
}

/** Dutch reading of a quarter: `3e kwartaal 2026`; English: `Q3 2026`. */
export function quarterLabel(q: string, lang: 'nl' | 'en' = 'nl'): string {
  const m = QUARTER.exec(q);
  if (!m) return q;
  return lang === 'nl' ? `${m[2]}e kwartaal ${m[1]}` : `Q${m[2]} ${m[1]}`;
}
