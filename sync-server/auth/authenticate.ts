import type { IncomingMessage } from 'node:http';
import { HttpError, unauthorized } from '../http/errors';
import { SessionTokens } from './session';
import type { LoginThrottle } from './throttle';
import type { UserRecord, Users } from './users';

export const COOKIE_NAME = 'AuthSession';

export interface Authenticated {
  user: UserRecord | null;
  method: 'cookie' | 'basic' | null;
}

export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function tooManyAttempts(seconds: number): HttpError {
  return new HttpError(
    429,
    'too_many_requests',
    `Too many failed login attempts. Try again in ${seconds} seconds.`,
    { 'Retry-After': String(seconds) },
  );
}

/** Checks a name and password with the per-user-and-IP throttle in front; throws 429 or 401. */
export async function login(
  users: Users,
  throttle: LoginThrottle,
  name: string,
  password: string,
  ip: string,
): Promise<UserRecord> {
  const key = `${name}\0${ip}`;
  const wait = throttle.retryAfter(key);
  if (wait > 0) throw tooManyAttempts(wait);
  const user = await users.authenticate(name, password);
  if (!user) {
    throttle.fail(key);
    throw unauthorized('Name or password is incorrect.');
  }
  throttle.succeed(key);
  return user;
}

/**
 * Who sent the request: Basic credentials (wrong ones are a 401, as in CouchDB), else a valid
 * session cookie, else anonymous. An invalid or expired cookie counts as anonymous.
 */
export async function authenticate(
  req: IncomingMessage,
  deps: { users: Users; throttle: LoginThrottle; tokens: SessionTokens },
): Promise<Authenticated> {
  const header = req.headers.authorization;
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) throw unauthorized('Name or password is incorrect.');
    const user = await login(deps.users, deps.throttle, decoded.slice(0, i), decoded.slice(i + 1), clientIp(req));
    return { user, method: 'basic' };
  }
  const token = readCookie(req, COOKIE_NAME);
  if (token) {
    const peeked = SessionTokens.peek(token);
    const user = peeked ? await deps.users.get(peeked.name) : null;
    if (user && !user.disabled && deps.tokens.verify(token, user.passwordHash)) return { user, method: 'cookie' };
  }
  return { user: null, method: null };
}
