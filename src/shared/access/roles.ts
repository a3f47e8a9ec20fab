import type { Term } from '../taxonomy/taxonomy';

/** A user's role within one region; `admin` is a platform-wide flag, not a region role. */
export const REGION_ROLES = [
  { code: 'supervisor', label: { nl: 'Coördinator', en: 'Supervisor' } },
  { code: 'editor', label: { nl: 'Adviseur', en: 'Advisor' } },
  { code: 'viewer', label: { nl: 'Meekijker', en: 'Viewer' } },
] as const satisfies readonly Term[];

export type RegionRole = (typeof REGION_ROLES)[number]['code'];

export interface Membership {
  region: string;
  role: RegionRole;
}

/** Who is asking: the server derives it from the session, the client from `GET /_session`. */
export interface Principal {
  name: string;
  admin: boolean;
  memberships: Membership[];
}
