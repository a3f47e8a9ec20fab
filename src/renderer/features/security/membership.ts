import type { RegiodeskDatabase } from '../../db/database';
import { userRegions, type StoredSession } from '../../app/session';
import { sessionFromResponse, type SessionResponse } from '../login/api';
import { pruneForeignRegions } from './regions';

export interface MembershipCheck {
  /** The session as the server sees it now; null when the server could not say (offline). */
  fresh: StoredSession | null;
  /** Regions the user had on this laptop and no longer has. */
  lostRegions: string[];
  removedDocuments: number;
}

/**
 * At each sync start: asks the server who the user is now (`GET /_session`) and removes from this
 * laptop the documents of regions she was taken out of. Offline, nothing changes (the stored
 * session is the best knowledge); a 401 changes nothing either (the sync status shows it).
 */
export async function checkMembership(db: RegiodeskDatabase, session: StoredSession, fetchFn: typeof fetch): Promise<MembershipCheck> {
  let fresh: StoredSession | null = null;
  try {
    const res = await fetchFn(`${session.server.replace(/\/+$/, '')}/_session`, { headers: { accept: 'application/json' } });
    if (res.ok) {
      const next = sessionFromResponse(session.server, (await res.json()) as SessionResponse, new Date().toISOString());
      if (next.user === session.user) fresh = { ...next, currentRegion: session.currentRegion, loggedInAt: session.loggedInAt };
    }
  } catch {
    fresh = null;
  }
  if (!fresh) return { fresh: null, lostRegions: [], removedDocuments: 0 };
  const now = new Set(userRegions(fresh));
  const lostRegions = userRegions(session).filter((r) => !now.has(r));
  if (fresh.currentRegion && !now.has(fresh.currentRegion)) fresh.currentRegion = null;
  const removedDocuments = lostRegions.length > 0 ? await pruneForeignRegions(db, [...now]) : 0;
  return { fresh, lostRegions, removedDocuments };
}
