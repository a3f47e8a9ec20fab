import type { Candidate } from '../../../shared';
import { normalizeEmail, phoneDigits } from '../../../shared';
import type { StoredSession } from '../../app/session';
import type { RegiodeskDatabase } from '../../db/database';
import { makeSyncFetch } from '../../sync/replication';

export interface PersonKeys {
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

/** Whether the typed person can be checked at all: an e-mail, a phone number, or a name with a date of birth. */
export function checkable(k: PersonKeys): boolean {
  return /\S+@\S+\.\S+/.test(k.email) || k.phone.replace(/\D/g, '').length >= 8 || (!!k.lastName.trim() && /^\d{4}-\d{2}-\d{2}$/.test(k.dateOfBirth));
}

const fold = (s: string | undefined) => (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
// +31 6… and 06… are the same number.
const digits = (s: string | undefined) => (s ? phoneDigits(s) : '');

/** The server's rule (sync-server/fanout/routes.ts `sameperson`), applied to the local store; phone numbers compared without the country code. */
export function samePerson(k: PersonKeys, c: Pick<Candidate, 'email' | 'phone' | 'firstName' | 'lastName' | 'dateOfBirth'>): boolean {
  if (k.email.trim() && c.email && normalizeEmail(k.email) === normalizeEmail(c.email)) return true;
  const p = digits(k.phone);
  if (p.length >= 8 && p === digits(c.phone)) return true;
  return !!k.dateOfBirth && k.dateOfBirth === c.dateOfBirth && !!k.lastName.trim() && fold(k.firstName) === fold(c.firstName) && fold(k.lastName) === fold(c.lastName);
}

/** Candidates on this device that are the typed person (works offline). */
export async function localMatches(db: RegiodeskDatabase, k: PersonKeys): Promise<Candidate[]> {
  const or: Record<string, unknown>[] = [];
  if (k.email.trim()) or.push({ email: k.email.trim() }, { email: normalizeEmail(k.email) });
  if (k.dateOfBirth) or.push({ dateOfBirth: k.dateOfBirth });
  const byField = or.length ? (await db.candidates.find({ selector: { $or: or } as never }).exec()).map((d) => d.toJSON() as Candidate) : [];
  // Phone numbers are stored in many notations: compare digits over the (small) set with a phone.
  const byPhone = digits(k.phone).length >= 8 ? (await db.candidates.find({ selector: { phone: { $exists: true } } }).exec()).map((d) => d.toJSON() as Candidate) : [];
  const seen = new Set<string>();
  return [...byField, ...byPhone].filter((c) => !seen.has(c.id) && seen.add(c.id) && samePerson(k, c));
}

export interface RemoteMatch {
  region: string;
  name: string;
  yours: boolean;
}

/** Regions on the server where the person is known (their names only); null when offline. */
export async function remoteMatches(session: StoredSession, k: PersonKeys): Promise<RemoteMatch[] | null> {
  try {
    const res = await makeSyncFetch(session.server)(`${session.server}/_regiodesk/duplicates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(k),
    });
    if (!res.ok) return null;
    return ((await res.json()) as { matches: RemoteMatch[] }).matches;
  } catch {
    return null;
  }
}

/** Asks the regions that know the person to link her to `fromRegion`; returns the names of the regions asked. */
export async function requestLink(session: StoredSession, fromRegion: string, k: PersonKeys): Promise<string[]> {
  const res = await makeSyncFetch(session.server)(`${session.server}/_regiodesk/link-request`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...k, fromRegion }),
  });
  const body = (await res.json()) as { asked?: { name: string }[]; reason?: string };
  if (!res.ok) throw new Error(body.reason ?? res.statusText);
  return (body.asked ?? []).map((a) => a.name);
}
