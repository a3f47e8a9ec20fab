import { REGION_CODE } from '../domain/fields';
import type { Principal, RegionRole } from './roles';

export const REGION_DB_PREFIX = 'region-';

export function regionDbName(region: string): string {
  if (!REGION_CODE.test(region)) throw new Error(`invalid region code: ${region}`);
  return REGION_DB_PREFIX + region;
}

/** The region a database belongs to, or null when it is not a region database. */
export function regionOfDb(db: string): string | null {
  if (!db.startsWith(REGION_DB_PREFIX)) return null;
  const code = db.slice(REGION_DB_PREFIX.length);
  return REGION_CODE.test(code) ? code : null;
}

export function roleIn(p: Principal, region: string): RegionRole | undefined {
  return p.memberships.find((m) => m.region === region)?.role;
}

export function canReadRegion(p: Principal, region: string): boolean {
  return p.admin || roleIn(p, region) !== undefined;
}

export function canWriteRegion(p: Principal, region: string): boolean {
  if (p.admin) return true;
  const role = roleIn(p, region);
  return role === 'editor' || role === 'supervisor';
}

export function canManageRegion(p: Principal, region: string): boolean {
  return p.admin || roleIn(p, region) === 'supervisor';
}

/** The regions a user works in, in the order they were granted. */
export function regionsOf(p: Principal): string[] {
  return p.memberships.map((m) => m.region);
}
