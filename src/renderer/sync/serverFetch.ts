import { basicAuth, credentialsFor, isDesktop } from '../platform/bridge';

/**
 * How every request from the renderer to the sync server is authenticated. In web mode the page
 * comes from the server itself, so the AuthSession cookie goes along (`credentials: 'include'`).
 * On the desktop the page's origin (app://) is not the server's: a SameSite cookie is not sent
 * (and after a restart there is none), so the bridge's stored credentials go in a Basic header.
 * Basic requests need no CSRF token (sync-server/security/csrf.ts checks cookie sessions only,
 * by Origin), so there is nothing else to add.
 */
export async function authorizedInit(server: string, init: RequestInit = {}, desktop = isDesktop()): Promise<RequestInit> {
  const headers = new Headers(init.headers);
  if (desktop && !headers.has('authorization')) {
    const creds = await credentialsFor(server);
    if (creds) headers.set('authorization', basicAuth(creds.user, creds.password));
  }
  return { ...init, headers, credentials: 'include', cache: 'no-store' };
}

/**
 * A fetch for renderer → server calls outside the replication: authenticated as above, and
 * otherwise plain (4xx answers come back as responses, so callers can show the server's reason;
 * a lost connection rejects). `server` is the session's server, the key of the stored credentials.
 */
export function serverFetch(server: string, desktop = isDesktop()): typeof fetch {
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => fetch(input, await authorizedInit(server, init, desktop));
  return wrapped as typeof fetch;
}
