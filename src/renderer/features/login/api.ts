import type { Membership } from '../../../shared';
import type { RegionInfo, StoredSession } from '../../app/session';
import { basicAuth, bridge, rememberCredentials } from '../../platform/bridge';

export type LoginErrorCode = 'wrongCredentials' | 'unreachable' | 'serverError' | 'noRegions' | 'invalidServer';

export class LoginError extends Error {
  constructor(readonly code: LoginErrorCode, detail?: string) {
    super(detail ?? code);
  }
}

export function normalizeServer(raw: string): string {
  const s = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new LoginError('invalidServer');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LoginError('invalidServer');
  return s;
}

export interface SessionResponse {
  userCtx?: { name?: string | null; roles?: string[] };
  regiodesk?: { admin?: boolean; memberships?: Membership[]; regions?: RegionInfo[] };
}

/** Turns `GET /_session` into what the app keeps; pure, for tests. */
export function sessionFromResponse(server: string, body: SessionResponse, now: string): StoredSession {
  const name = body.userCtx?.name;
  if (!name) throw new LoginError('wrongCredentials');
  const rd = body.regiodesk ?? {};
  const roles = body.userCtx?.roles ?? [];
  const memberships = (rd.memberships ?? []).filter(
    (m): m is Membership => !!m && typeof m.region === 'string' && ['supervisor', 'editor', 'viewer'].includes(m.role),
  );
  const regions = (rd.regions ?? []).filter((r): r is RegionInfo => !!r && typeof r.code === 'string');
  for (const m of memberships) {
    if (!regions.some((r) => r.code === m.region)) regions.push({ code: m.region, name: m.region });
  }
  return {
    server,
    user: name,
    admin: rd.admin === true || roles.includes('_admin'),
    memberships,
    regions: regions.map((r) => ({ code: r.code, name: typeof r.name === 'string' ? r.name : r.code })),
    currentRegion: memberships[0]?.region ?? regions[0]?.code ?? null,
    loggedInAt: now,
  };
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'include', cache: 'no-store' });
  } catch (e) {
    throw new LoginError('unreachable', e instanceof Error ? e.message : String(e));
  }
}

/**
 * Logs in: `POST /_session` (sets the AuthSession cookie), then `GET /_session` for the user's
 * regions and roles. On the desktop the credentials are also handed to the main process, which
 * stores them encrypted for the replication's Basic authentication after a restart.
 */
export async function login(serverInput: string, name: string, password: string): Promise<StoredSession> {
  const server = normalizeServer(serverInput);
  const desktop = bridge();
  const post = await request(`${server}/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (post.status === 401 || post.status === 403) throw new LoginError('wrongCredentials');
  if (!post.ok) throw new LoginError('serverError', `POST /_session: HTTP ${post.status}`);

  const headers: Record<string, string> = { accept: 'application/json' };
  if (desktop) headers.authorization = basicAuth(name, password);
  const get = await request(`${server}/_session`, { method: 'GET', headers });
  if (!get.ok) throw new LoginError('serverError', `GET /_session: HTTP ${get.status}`);
  const session = sessionFromResponse(server, (await get.json()) as SessionResponse, new Date().toISOString());
  if (session.memberships.length === 0 && !(session.admin && session.regions.length > 0)) {
    throw new LoginError('noRegions');
  }
  if (desktop) {
    rememberCredentials(server, name, password);
    try {
      await desktop.credentials.save(server, name, password);
    } catch {
      // No OS encryption: we keep them for this run only and never store them in plain text.
    }
  }
  return session;
}

/** Ends the server session; failures (offline) do not matter, the local session is cleared anyway. */
export async function logout(server: string): Promise<void> {
  try {
    await fetch(`${server}/_session`, { method: 'DELETE', credentials: 'include' });
  } catch {
    /* offline */
  }
  try {
    await bridge()?.credentials.clear(server);
  } catch {
    /* nothing stored */
  }
}
