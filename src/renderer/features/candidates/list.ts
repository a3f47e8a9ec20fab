import { PHASES, PILOT_PHASES, type Candidate, type Phase } from '../../../shared';

/**
 * The list's phase views: the pilot's four working phases, the wider journey (in training,
 * placed), people who paused or stopped, and everyone.
 */
export type PhaseTab = Phase | 'paused' | 'all';

export const PHASE_TABS: readonly PhaseTab[] = [...PILOT_PHASES, 'opleiden', 'geplaatst', 'paused', 'all'];

/** The phases a tab shows; empty means all. */
export function phasesOfTab(tab: PhaseTab): Phase[] {
  if (tab === 'all') return [];
  if (tab === 'paused') return ['on_hold', 'gestopt'];
  return [tab];
}

export const BOARD_PHASES: readonly Phase[] = PHASES.map((p) => p.code);

export function inRegion(c: Pick<Candidate, 'ownerRegion' | 'regions'>, region: string): boolean {
  return c.ownerRegion === region || c.regions.includes(region);
}

export function countByTab(candidates: readonly Pick<Candidate, 'phase'>[]): Record<PhaseTab, number> {
  const counts = { all: candidates.length, paused: 0 } as Record<PhaseTab, number>;
  for (const c of candidates) counts[c.phase] = (counts[c.phase] ?? 0) + 1;
  counts.paused = (counts.on_hold ?? 0) + (counts.gestopt ?? 0);
  for (const tab of PHASE_TABS) counts[tab] ??= 0;
  return counts;
}

/**
 * Tab counts from candidates per phase (the index's count() at a cold start, before every
 * candidate is read). The region's owned candidates only: linked ones join when the full set is in.
 */
export function countsFromPhases(perPhase: Readonly<Record<string, number>>): Record<PhaseTab, number> {
  const counts = { all: 0, paused: 0 } as Record<PhaseTab, number>;
  for (const [phase, n] of Object.entries(perPhase)) {
    counts[phase as PhaseTab] = n;
    counts.all += n;
  }
  counts.paused = (counts.on_hold ?? 0) + (counts.gestopt ?? 0);
  for (const tab of PHASE_TABS) counts[tab] ??= 0;
  return counts;
}

export function filterByTab<T extends Pick<Candidate, 'phase'>>(candidates: readonly T[], tab: PhaseTab): T[] {
  const phases = phasesOfTab(tab);
  return phases.length === 0 ? [...candidates] : candidates.filter((c) => phases.includes(c.phase));
}

/** Dutch name particles (tussenvoegsels): "de Vries" sorts under V, as in any Dutch register. */
const PARTICLES = /^(?:(?:van|de|den|der|het|ten|ter|te|in|op|aan|'t|von|la|le|du|d'|l')\s+)+/i;

export function sortKey(c: Pick<Candidate, 'firstName' | 'lastName'>): string {
  const last = c.lastName.trim();
  const core = last.replace(PARTICLES, '') || last;
  return `${core}\u0000${c.firstName}\u0000${last}`;
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

export function sortByLastName<T extends Pick<Candidate, 'firstName' | 'lastName'>>(candidates: readonly T[]): T[] {
  return [...candidates].sort((a, b) => collator.compare(sortKey(a), sortKey(b)));
}

export function fullName(c: Pick<Candidate, 'firstName' | 'lastName'>): string {
  return `${c.firstName} ${c.lastName}`.trim();
}

/** What the list shows for a region and tab, with the counts for every tab. */
export function listView<T extends Candidate>(all: readonly T[], region: string | null, tab: PhaseTab) {
  const mine = region ? all.filter((c) => inRegion(c, region)) : [];
  return { counts: countByTab(mine), rows: sortByLastName(filterByTab(mine, tab)) };
}
