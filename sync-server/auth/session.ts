import { bytes } from '../util/bytes';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Session tokens in the spirit of CouchDB's AuthSession cookie: `base64url(name:expiry:mac)`,
 * where the MAC is an HMAC-SHA256 over name and expiry keyed with the server secret and the
 * user's password hash, so changing a password ends the user's sessions.
 */
export class SessionTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  private mac(name: string, expiry: number, userKey: string): Buffer {
    return createHmac('sha256', bytes(this.secret)).update(userKey).update('\0').update(`${name}:${expiry}`).digest();
  }

  issue(name: string, userKey: string): string {
    const expiry = Math.floor(this.now() / 1000) + this.ttlSeconds;
    const mac = this.mac(name, expiry, userKey).toString('base64url');
    return Buffer.from(`${name}:${expiry.toString(16)}:${mac}`, 'utf8').toString('base64url');
  }

  /** The user name inside a token, before checking; null when the token is malformed. */
  static peek(token: string): { name: string; expiry: number; mac: string } | null {
    let text: string;
    try {
      text = Buffer.from(token, 'base64url').toString('utf8');
    } catch {
      return null;
    }
    const m = /^(.+):([0-9a-f]{1,12}):([A-Za-z0-9_-]{43})$/.exec(text);
    if (!m) return null;
    return { name: m[1]!, expiry: parseInt(m[2]!, 16), mac: m[3]! };
  }

  /** Whether a token is authentic and unexpired for this user. */
  verify(token: string, userKey: string): boolean {
    const t = SessionTokens.peek(token);
    if (!t) return false;
    if (t.expiry * 1000 <= this.now()) return false;
    const expected = this.mac(t.name, t.expiry, userKey);
    const given = Buffer.from(t.mac, 'base64url');
    return given.length === expected.length && timingSafeEqual(bytes(given), bytes(expected));
  }
}
