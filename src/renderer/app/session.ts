import type { Membership, Principal, RegionRole } from '../../shared';
import { canWriteRegion, roleIn } from '../../shared';

export interface RegionInfo {
  code: string;
  name: string;
}

/**
 * What the app remembers between runs so that it opens from local data without the network.
 * Never the password: in web mode the server's session cookie authenticates, in Electron the
 * main process keeps the credentials encrypted.
 */
export interface StoredSession {
  server: string;
  user: string;
  admin: boolean;
  memberships: Membership[];
  regions: RegionInfo[];
  currentRegion: string | null;
  loggedInAt: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SESSION_KEY = 'regiodesk.session';

export function principalOf(s: StoredSession): Principal {
  return { name: s.user, admin: s.admin, memberships: s.memberships };
}

/** The regions this user replicates: memberships first (granted order), then, for admins, the rest. */
export function userRegions(s: Pick<StoredSession, 'admin' | 'memberships' | 'regions'>): string[] {
  const out = s.memberships.map((m) => m.region);
  if (s.admin) for (const r of s.regions) if (!out.includes(r.code)) out.push(r.code);
  return out;
}

export function regionName(s: Pick<StoredSession, 'regions'>, code: string): string {
  return s.regions.find((r) => r.code === code)?.name ?? code;
}

export type EffectiveRole = RegionRole | 'admin';

export function roleOf(s: StoredSession, region: string): EffectiveRole | undefined {
  return roleIn(principalOf(s), region) ?? (s.admin ? 'admin' : undefined);
}

export function canEdit(s: StoredSession, region: string | null): boolean {
  return !!region && canWriteRegion(principalOf(s), region);
}

/** The region to show: the remembered one if the user still has it, else their first. */
export function effectiveRegion(s: StoredSession): string | null {
  const all = userRegions(s);
  if (s.currentRegion && all.includes(s.currentRegion)) return s.currentRegion;
  return all[0] ?? null;
}

function isMembership(x: unknown): x is Membership {
  const m = x as Membership;
  return !!m && typeof m.region === 'string' && ['supervisor', 'editor', 'viewer'].includes(m.role);
}

/** Reads the remembered session; anything malformed counts as no session. */
export function loadSession(store: KeyValueStore): StoredSession | null {
  let raw: string | null;
  try {
    raw = store.getItem(SESSION_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof s.server !== 'string' || typeof s.user !== 'string' || !s.user) return null;
    return {
      server: s.server,
      user: s.user,
      admin: s.admin === true,
      memberships: Array.isArray(s.memberships) ? s.memberships.filter(isMembership) : [],
      regions: Array.isArray(s.regions)
        ? s.regions.filter((r): r is RegionInfo => !!r && typeof r.code === 'string' && typeof r.name === 'string')
        : [],
      currentRegion: typeof s.currentRegion === 'string' ? s.currentRegion : null,
      loggedInAt: typeof s.loggedInAt === 'string' ? s.loggedInAt : new Date(0).toISOString(),
    };
  } catch {
    return null;
  }
}

export function saveSession(store: KeyValueStore, s: StoredSession): void {
  const { server, user, admin, memberships, regions, currentRegion, loggedInAt } = s;
  // Listed field by field so nothing else (a password, a token) can slip into storage.
  store.setItem(SESSION_KEY, JSON.stringify({ server, user, admin, memberships, regions, currentRegion, loggedInAt }));
}

export function clearSession(store: KeyValueStore): void {
  store.removeItem(SESSION_KEY);
}

/** Browser storage, or a throwaway in-memory store when it is unavailable (private mode, tests). */
export function browserStore(kind: 'local' | 'session' = 'local'): KeyValueStore {
  try {
    const s = kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    if (s) return s;
  } catch {
    /* fall through */
  }
  return memoryStore();
}

export function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
