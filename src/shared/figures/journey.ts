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
  for (let i = 0; i + 1 < h.length; i++) {
    const ms = Date.parse(h[i + 1]!.at) - Date.parse(h[i]!.at);
    // A laptop with a wrong clock can record a step "before" the previous one: count it as zero.
    out.push({ phase: h[i]!.to, ms: Number.isFinite(ms) && ms > 0 ? ms : 0 });
  }
  return out;
}

export const FIGURE_DAY_MS = 86_400_000;
