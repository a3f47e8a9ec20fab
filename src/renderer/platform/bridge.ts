import type { RegiodeskBridge } from '../../shared/bridge';

/** The Electron preload bridge, or undefined in a plain browser (web mode). */
export function bridge(): RegiodeskBridge | undefined {
  return typeof window !== 'undefined' && window.regiodesk?.platform === 'desktop' ? window.regiodesk : undefined;
}

export function isDesktop(): boolean {
  return bridge() !== undefined;
}

/** The server a login form suggests: the page's own origin in web mode, a local server on the desktop. */
export function defaultServer(): string {
  if (isDesktop() || typeof location === 'undefined' || !/^https?:$/.test(location.protocol)) {
    return 'http://127.0.0.1:5984';
  }
  return location.origin;
}

/** Base64 of UTF-8, for HTTP Basic credentials with non-ASCII characters. */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return 'Basic ' + btoa(bin);
}

/**
 * Credentials for the desktop app's requests in this run. Kept in memory after login (also when
 * the OS offers no encryption and the bridge refuses to store them), else loaded from the bridge.
 */
const remembered = new Map<string, { user: string; password: string }>();

export function rememberCredentials(server: string, user: string, password: string): void {
  remembered.set(server, { user, password });
}

export function forgetCredentials(server: string): void {
  remembered.delete(server);
}

export async function credentialsFor(server: string): Promise<{ user: string; password: string } | null> {
  const known = remembered.get(server);
  if (known) return known;
  const b = bridge();
  if (!b) return null;
  try {
    const loaded = await b.credentials.load(server);
    if (loaded) remembered.set(server, loaded);
    return loaded;
  } catch {
    return null;
  }
}

export function newId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // randomUUID exists only in secure contexts; a server on the LAN over http is not one.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
