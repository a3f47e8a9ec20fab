import { PILOT_PHASES, type Candidate, type Phase } from '../../../shared';

export type PhaseTab = Phase | 'all';

/** The tabs of the list: the pilot's four phases, then everyone. */
export const PHASE_TABS: readonly PhaseTab[] = [...PILOT_PHASES, 'all'];

export function inRegion(c: Pick<Candidate, 'ownerRegion' | 'regions'>, region: string): boolean {
  return c.ownerRegion === region || c.regions.includes(region);
}

export function countByTab(candidates: readonly Pick<Candidate, 'phase'>[]): Record<PhaseTab, number> {
  const counts = { all: candidates.length } as Record<PhaseTab, number>;
  for (const c of candidates) counts[c.phase] = (counts[c.phase] ?? 0) + 1;
  for (const tab of PHASE_TABS) counts[tab] ??= 0;
  return counts;
}

export function filterByTab<T extends Pick<Candidate, 'phase'>>(candidates: readonly T[], tab: PhaseTab): T[] {
  return tab === 'all' ? [...candidates] : candidates.filter((c) => c.phase === tab);
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
