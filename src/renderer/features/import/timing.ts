/**
 * User Timing marks of the wizard's long phases (`regiodesk.import.read|plan|write`): visible in
 * the browser's performance panel, and what `npm run bench:import` reads back from the page.
 */
export function markPhase(phase: 'read' | 'plan' | 'write', start: number, detail?: Record<string, unknown>): void {
  try {
    performance.measure(`regiodesk.import.${phase}`, { start, end: performance.now(), ...(detail ? { detail } : {}) });
  } catch {
    /* a browser without User Timing Level 3: nothing to record */
  }
}
