import { checkVerifier, loadVerifier, rememberVerifier, type VerifierStore } from './verifier';

export type UnlockResult = 'ok' | 'wrong' | 'noVerifier';

/**
 * Checks the password for unlocking. Online, the server decides (a changed password counts at
 * once) and the local verifier is refreshed; when the server cannot be reached, the local
 * verifier decides. A server's "no" is final: it never falls back to an older local verifier.
 */
export async function verifyPassword(
  server: string,
  user: string,
  password: string,
  store: VerifierStore,
  fetchFn: typeof fetch = fetch,
): Promise<UnlockResult> {
  let res: Response | null = null;
  try {
    res = await fetchFn(`${server.replace(/\/+$/, '')}/_session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: user, password }),
      credentials: 'include',
    });
  } catch {
    res = null; // offline
  }
  if (res && (res.status === 401 || res.status === 403)) return 'wrong';
  if (res?.ok) {
    await rememberVerifier(store, server, user, password);
    return 'ok';
  }
  // Unreachable, or a server error: fall back to the verifier saved at the last login.
  const verifier = loadVerifier(store, server, user);
  if (!verifier) return 'noVerifier';
  return (await checkVerifier(password, verifier)) ? 'ok' : 'wrong';
}
