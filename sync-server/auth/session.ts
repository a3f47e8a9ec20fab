import { bytes } from '../util/bytes';
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_VERIFIED = 10_000;
const peeked = new Map<string, { name: string; expiry: number; mac: string } | null>();

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
    // Pure, and asked for every request of a live client: remembered (bounded).
    const hit = peeked.get(token);
    if (hit !== undefined) return hit;
    const out = SessionTokens.parse(token);
    if (peeked.size >= MAX_VERIFIED) peeked.clear();
    peeked.set(token, out);
    return out;
  }

  private static parse(token: string): { name: string; expiry: number; mac: string } | null {
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

  /**
   * Tokens whose MAC was checked, with their expiry (ms), keyed by token and user key: a live
   * client sends the same cookie with every long-poll, and the HMAC was a few per cent of the
   * server's CPU with 500 of them. A new password is a new user key, so it still ends sessions.
   */
  private verified = new Map<string, number>();

  /** Whether a token is authentic and unexpired for this user. */
  verify(token: string, userKey: string): boolean {
    const key = `${token}\0${userKey}`;
    const known = this.verified.get(key);
    if (known !== undefined) return known > this.now();
    const t = SessionTokens.peek(token);
    if (!t) return false;
    if (t.expiry * 1000 <= this.now()) return false;
    const expected = this.mac(t.name, t.expiry, userKey);
    const given = Buffer.from(t.mac, 'base64url');
    const ok = given.length === expected.length && timingSafeEqual(bytes(given), bytes(expected));
    if (ok) {
      if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      this.verified.set(key, t.expiry * 1000);
    }
    return ok;
  }
}
