import { PHASES } from '../taxonomy/phases';

/**
 * The funnel: the journey's phases in order, without pausing and stopping (those are ways out,
 * not steps). A candidate reached a step when her current phase or any phase in her history is
 * that step or a later one; everybody reached the first.
 */
export const FUNNEL_PHASES: readonly string[] = PHASES.map((p) => p.code).filter((p) => p !== 'on_hold' && p !== 'gestopt');

const INDEX = new Map(FUNNEL_PHASES.map((p, i) => [p, i]));

interface Journey {
  phase: string;
  phaseHistory?: readonly { to: string; at: string }[] | undefined;
}

/** Index in FUNNEL_PHASES of the furthest step the candidate ever reached (at least 0). */
export function funnelStageOf(c: Journey): number {
  let stage = INDEX.get(c.phase) ?? 0;
  for (const h of c.phaseHistory ?? []) {
    const i = INDEX.get(h.to);
    if (i !== undefined && i > stage) stage = i;
  }
  return stage;
}

export interface CompletedStay {
  phase: string;
  ms: number;
}

/**
 * Completed stays in a phase from the history (oldest first): from entering a phase to entering
 * the next. The current phase is still running and does not count, so the figure does not
 * change with the clock, only with the data.
 */
export function phaseStaysOf(c: Journey): CompletedStay[] {
  const h = c.phaseHistory ?? [];
  const out: CompletedStay[] = [];
  let next = h.length ? isoMs(h[0]!.at) : 0;
  for (let i = 0; i + 1 < h.length; i++) {
    const start = next;
    next = isoMs(h[i + 1]!.at);
    const ms = next - start;
    // A laptop with a wrong clock can record a step "before" the previous one: count it as zero.
    out.push({ phase: h[i]!.to, ms: Number.isFinite(ms) && ms > 0 ? ms : 0 });
  }
  return out;
}

export const FIGURE_DAY_MS = 86_400_000;

const digits = (s: string, from: number, len: number): number => {
  let v = 0;
  for (let k = 0; k < len; k++) {
    const d = s.charCodeAt(from + k) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
};

/**
 * Milliseconds of an ISO timestamp. Our timestamps are always UTC (`…Z`, from toISOString), which
 * this reads with plain arithmetic: Date.parse was most of the time of a first count of 100,000
 * candidates. Anything else goes to Date.parse.
 */
export function isoMs(s: string): number {
  if ((s.length === 24 || s.length === 20) && s.charCodeAt(s.length - 1) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */) {
    const y = digits(s, 0, 4);
    const m = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    const days = era * 146097 + doe - 719468;
    const ms = s.length === 24 ? digits(s, 20, 3) : 0;
    const v = ((days * 24 + digits(s, 11, 2)) * 60 + digits(s, 14, 2)) * 60_000 + digits(s, 17, 2) * 1000 + ms;
    if (Number.isFinite(v)) return v;
  }
  return Date.parse(s);
}
