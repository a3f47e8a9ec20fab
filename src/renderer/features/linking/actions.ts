import { decideReferral, mayUnlink, newReferral, referralSchema, validate, type Candidate, type Referral, type ReferralKind } from '../../../shared';
import type { StoredSession } from '../../app/session';
import type { RegiodeskDatabase } from '../../db/database';
import { makeSyncFetch } from '../../sync/replication';
import { markLocalChange } from '../../sync/status';
import { suffix } from '../notes/actions';

export interface LinkInput {
  region: string;
  kind: ReferralKind;
  reason: string;
}

export function checkLink(input: LinkInput): Partial<Record<keyof LinkInput, string>> | null {
  const e: Partial<Record<keyof LinkInput, string>> = {};
  if (!input.region) e.region = 'required';
  if (!input.reason.trim()) e.reason = 'required';
  else if (input.reason.length > 2000) e.reason = 'tooLong';
  return Object.keys(e).length ? e : null;
}

/** All regions of the server (to link or refer to); the session's own regions when offline. */
export async function fetchRegions(session: StoredSession): Promise<{ code: string; name: string }[]> {
  try {
    const res = await makeSyncFetch(session.server)(`${session.server}/_regiodesk/regions`);
    return ((await res.json()) as { regions: { code: string; name: string }[] }).regions;
  } catch {
    return session.regions;
  }
}

/**
 * Links the candidate to another region (at once), or refers or transfers it (the receiving
 * region answers in its inbox). Every one leaves a referral document for both regions' timelines.
 */
export async function linkOrRefer(db: RegiodeskDatabase, c: Candidate, from: string, input: LinkInput, user: string): Promise<Referral> {
  const now = new Date().toISOString();
  const ref = newReferral(
    { candidateId: c.id, kind: input.kind, fromRegion: from, toRegion: input.region, reason: input.reason, name: `${c.firstName} ${c.lastName}` },
    { suffix: suffix(), user, now },
  );
  const r = validate(referralSchema, ref);
  if (!r.ok) throw new Error(r.reason);
  if (input.kind === 'link') {
    const doc = await db.candidates.findOne(c.id).exec();
    if (!doc) throw new Error('not found');
    await doc.incrementalModify((cur) =>
      cur.regions.includes(input.region) ? cur : { ...cur, regions: [...cur.regions, input.region], updatedAt: now, updatedBy: user },
    );
    markLocalChange(c.id);
  }
  await db.referrals.insert(r.value);
  markLocalChange(ref.id);
  return r.value;
}

/** The receiving region's answer; the server links the candidate when it is accepted. */
export async function answer(db: RegiodeskDatabase, id: string, accept: boolean, note: string, user: string): Promise<void> {
  const doc = await db.referrals.findOne(id).exec();
  if (!doc) throw new Error('not found');
  const now = new Date().toISOString();
  await doc.incrementalModify((cur) => decideReferral(cur as Referral, accept, note, user, now));
  markLocalChange(id);
}

/** The user's roles as actors for mayUnlink. */
export function actorsOf(session: StoredSession): { region: string; role: string }[] {
  return session.memberships.map((m) => ({ region: m.region, role: m.role }));
}

export function canUnlink(session: StoredSession, c: Pick<Candidate, 'ownerRegion' | 'regions'>, region: string): boolean {
  if (session.admin && region !== c.ownerRegion && c.regions.includes(region)) return true;
  return actorsOf(session).some((a) => mayUnlink(c, region, a));
}

/**
 * Unlinks a region. The owner region's advisors do it locally (it syncs like any edit); a
 * supervisor of the linked region asks the server, which writes it in the owner region's database.
 */
export async function unlink(db: RegiodeskDatabase, session: StoredSession, c: Candidate, region: string): Promise<void> {
  const owner = session.memberships.some((m) => m.region === c.ownerRegion && (m.role === 'editor' || m.role === 'supervisor'));
  if (owner || session.admin) {
    const doc = await db.candidates.findOne(c.id).exec();
    if (!doc) throw new Error('not found');
    const now = new Date().toISOString();
    await doc.incrementalModify((cur) => ({ ...cur, regions: cur.regions.filter((r) => r !== region), updatedAt: now, updatedBy: session.user }));
    markLocalChange(c.id);
    return;
  }
  const res = await makeSyncFetch(session.server)(`${session.server}/_regiodesk/unlink`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ candidateId: c.id, region }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}
