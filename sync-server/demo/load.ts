import type { Membership } from '../../src/shared';
import { regionDbName } from '../../src/shared';
import type { Users } from '../auth/users';
import type { Regions } from '../regions/regions';
import type { Store } from '../store/types';
import { demoCandidates } from './candidates';
import { demoNetwork } from './network';

export const DEMO_PASSWORD = 'regiodesk';

export const DEMO_REGIONS = [
  { code: 'twente', name: 'Twente' },
  { code: 'utrecht', name: 'Utrecht' },
  { code: 'rijnmond', name: 'Rijnmond' },
] as const;

export const DEMO_USERS: { name: string; memberships: Membership[] }[] = [
  { name: 'anna', memberships: [{ region: 'twente', role: 'editor' }] },
  { name: 'bram', memberships: [{ region: 'utrecht', role: 'editor' }] },
  { name: 'daan', memberships: [{ region: 'twente', role: 'editor' }, { region: 'utrecht', role: 'editor' }] },
  { name: 'carla', memberships: [{ region: 'twente', role: 'supervisor' }] },
  { name: 'vera', memberships: [{ region: 'twente', role: 'viewer' }] },
];

export const DEMO_SIZE = 300;

/** Advisors who own files in each region (the demo users who may edit there). */
function ownersOf(region: string): string[] {
  const owners = DEMO_USERS.filter((u) => u.memberships.some((m) => m.region === region && m.role !== 'viewer')).map((u) => u.name);
  return owners.length > 0 ? owners : [`loket-${region}`];
}

/** Regions, their databases, candidates and users of the demo. */
export async function loadDemo(
  deps: { store: Store; users: Users; regions: Regions },
  opts: { size?: number | undefined } = {},
): Promise<void> {
  const size = opts.size ?? DEMO_SIZE;
  for (const region of DEMO_REGIONS) {
    await deps.regions.addRegion(region);
    const db = await deps.store.open(regionDbName(region.code));
    if (!db) throw new Error(`database of ${region.code} missing`);
    const candidates = demoCandidates(region.code, size, ownersOf(region.code));
    const { organisations, contacts, tasks } = demoNetwork(region.code, candidates, ownersOf(region.code));
    // One bulk write per region: candidates with their phase history, the region's organisations,
    // contacts and tasks (demo loading stays one round trip per region).
    const docs = [...candidates, ...organisations, ...contacts, ...tasks].map(({ id, ...rest }) => ({ _id: id, ...rest }));
    const results = await db.bulkDocs(docs, true);
    const failed = results.filter((r) => !('ok' in r));
    if (failed.length > 0) throw new Error(`demo: ${failed.length} documents of ${region.code} not written`);
  }
  await Promise.all(DEMO_USERS.map((u) => deps.users.ensure(u.name, DEMO_PASSWORD, { admin: false, memberships: u.memberships })));
}
