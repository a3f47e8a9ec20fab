/** A phase change as recorded in a candidate's `phaseHistory`. */
export interface PhaseStep {
  from?: string | undefined;
  to: string;
  at: string;
  by: string;
}

export interface PhaseStay {
  phase: string;
  from: string;
  /** When the stay ended; undefined while the candidate is still in this phase. */
  until?: string;
  ms: number;
}

/**
 * The stays in each phase from a phase history: one entry per step, lasting until the next step
 * (or `now` for the current phase). Steps are sorted by time first: histories merged from two
 * laptops may arrive out of order.
 */
export function phaseStays(history: readonly PhaseStep[], now: number = Date.now()): PhaseStay[] {
  const steps = [...history].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return steps.map((s, i) => {
    const next = steps[i + 1];
    const end = next ? Date.parse(next.at) : now;
    return { phase: s.to, from: s.at, ...(next ? { until: next.at } : {}), ms: Math.max(0, end - Date.parse(s.at)) };
  });
}

/** Total time spent in each phase (a phase visited twice counts both stays), in history order. */
export function timePerPhase(history: readonly PhaseStep[], now: number = Date.now()): [string, number][] {
  const out = new Map<string, number>();
  for (const s of phaseStays(history, now)) out.set(s.phase, (out.get(s.phase) ?? 0) + s.ms);
  return [...out.entries()];
}
