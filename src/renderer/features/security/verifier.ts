/**
 * A salted password verifier for unlocking offline: PBKDF2-SHA-256 through WebCrypto. Only the
 * salt, the iteration count and the derived bits are stored, never the password; checking a
 * guess costs the same 310,000 iterations (OWASP's figure for PBKDF2-SHA-256) as making it.
 */
export interface PasswordVerifier {
  v: 1;
  salt: string;
  iterations: number;
  hash: string;
}

export const VERIFIER_ITERATIONS = 310_000;
const PREFIX = 'regiodesk.verifier.';

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function createVerifier(password: string, iterations = VERIFIER_ITERATIONS): Promise<PasswordVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { v: 1, salt: b64(salt), iterations, hash: b64(await derive(password, salt, iterations)) };
}

export async function checkVerifier(password: string, verifier: PasswordVerifier): Promise<boolean> {
  const actual = await derive(password, unb64(verifier.salt), verifier.iterations);
  const expected = unb64(verifier.hash);
  if (actual.length !== expected.length) return false;
  // Constant-time comparison: no early exit that would leak how many bytes matched.
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

export interface VerifierStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const keyFor = (server: string, user: string) => `${PREFIX}${server.replace(/\/+$/, '').toLowerCase()}|${user}`;

export async function rememberVerifier(store: VerifierStore, server: string, user: string, password: string): Promise<void> {
  store.setItem(keyFor(server, user), JSON.stringify(await createVerifier(password)));
}

export function loadVerifier(store: VerifierStore, server: string, user: string): PasswordVerifier | null {
  try {
    const raw = store.getItem(keyFor(server, user));
    const parsed = raw ? (JSON.parse(raw) as PasswordVerifier) : null;
    return parsed && parsed.v === 1 && typeof parsed.salt === 'string' && typeof parsed.hash === 'string' && parsed.iterations > 0 ? parsed : null;
  } catch {
    return null;
  }
}
