import {
  activitySchema,
  newRegistration,
  registrationId,
  validate,
  type Activity,
  type ActivityKind,
  type FieldErrors,
  type Registration,
} from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';
import { markLocalChange } from '../../sync/status';

/** What the activity form holds (text as typed; date and time separately, in local time). */
export interface ActivityFormValues {
  title: string;
  kind: ActivityKind;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  capacity: string;
  partners: string;
  description: string;
}

export const EMPTY_ACTIVITY: ActivityFormValues = { title: '', kind: 'voorlichtingsavond', date: '', startTime: '19:00', endTime: '21:00', place: '', capacity: '', partners: '', description: '' };

/** A short id (16 lower-case hex) so registration ids stay within 64 characters. */
export function newActivityId(): string {
  return newId().replace(/-/g, '').slice(0, 16);
}

function localIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const d = new Date(`${date}T${time}:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function formOfActivity(a: Activity): ActivityFormValues {
  const s = new Date(a.startsAt);
  const e = a.endsAt ? new Date(a.endsAt) : null;
  return {
    title: a.title,
    kind: a.kind,
    date: `${s.getFullYear()}-${pad(s.getMonth() + 1)}-${pad(s.getDate())}`,
    startTime: `${pad(s.getHours())}:${pad(s.getMinutes())}`,
    endTime: e ? `${pad(e.getHours())}:${pad(e.getMinutes())}` : '',
    place: a.place ?? '',
    capacity: a.capacity !== undefined ? String(a.capacity) : '',
    partners: a.partners ?? '',
    description: a.description ?? '',
  };
}

/** Builds and validates an activity from the form; errors are keyed by form field. */
export function activityFromForm(
  v: ActivityFormValues,
  ctx: { id: string; region: string; user: string; now: string; existing?: Activity | undefined },
): { ok: true; value: Activity } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const startsAt = localIso(v.date, v.startTime || '00:00');
  if (!v.date) errors.date = 'required';
  else if (!startsAt) errors.date = 'invalidDate';
  const endsAt = v.endTime ? localIso(v.date, v.endTime) : null;
  // An end time is judged on its own only when the date is fine: a bad date is the date's error.
  if (v.endTime && startsAt && !endsAt) errors.endTime = 'invalidDateTime';
  const capacity = v.capacity.trim() === '' ? undefined : Number(v.capacity);
  const doc: Record<string, unknown> = {
    ...(ctx.existing ?? { createdAt: ctx.now, createdBy: ctx.user }),
    id: ctx.id,
    type: 'activity',
    title: v.title.trim(),
    kind: v.kind,
    startsAt: startsAt ?? '',
    region: ctx.existing?.region ?? ctx.region,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  for (const k of ['endsAt', 'place', 'capacity', 'partners', 'description'] as const) delete doc[k];
  if (endsAt) doc.endsAt = endsAt;
  if (v.place.trim()) doc.place = v.place.trim();
  if (capacity !== undefined) doc.capacity = capacity;
  if (v.partners.trim()) doc.partners = v.partners.trim();
  if (v.description.trim()) doc.description = v.description.trim();
  const r = validate(activitySchema, doc);
  if (!r.ok) for (const [f, m] of Object.entries(r.errors)) errors[f === 'startsAt' ? 'date' : f === 'endsAt' ? 'endTime' : f] ??= m;
  if (Object.keys(errors).length > 0 || !r.ok) return { ok: false, errors };
  return { ok: true, value: r.value };
}

export async function saveActivity(db: RegiodeskDatabase, activity: Activity): Promise<void> {
  await db.activities.upsert(activity);
  markLocalChange(activity.id);
}

/** Registers an existing candidate in advance; an earlier cancelled registration comes back. */
export async function registerCandidate(db: RegiodeskDatabase, activity: Activity, candidateId: string, user: string): Promise<'added' | 'already'> {
  const now = new Date().toISOString();
  const existing = await db.registrations.findOne(registrationId(candidateId, activity.id)).exec();
  if (existing && existing.status !== 'cancelled') return 'already';
  if (existing) await existing.incrementalPatch({ status: 'registered', updatedAt: now, updatedBy: user });
  else
    await db.registrations.insert(
      newRegistration({ candidateId, activityId: activity.id, region: activity.region, status: 'registered', channel: 'pre', newCandidate: false }, { user, now }),
    );
  markLocalChange(registrationId(candidateId, activity.id));
  return 'added';
}

export async function setRegistrationStatus(db: RegiodeskDatabase, reg: Registration, status: Registration['status'], user: string): Promise<void> {
  const doc = await db.registrations.findOne(reg.id).exec();
  if (!doc) return;
  const now = new Date().toISOString();
  await doc.incrementalModify((cur) => {
    const next: Registration = { ...cur, status, updatedAt: now, updatedBy: user };
    if (status === 'attended') next.checkedInAt = cur.checkedInAt ?? now;
    else delete next.checkedInAt;
    return next;
  });
  markLocalChange(reg.id);
}

/**
 * Registers several candidates in advance (bulk action from the list or a saved view). People
 * already registered are skipped, so running it twice changes nothing. Returns the ids of the
 * registrations it made, for the report and for undo.
 */
export async function registerMany(db: RegiodeskDatabase, activity: Activity, candidateIds: readonly string[], user: string): Promise<{ added: string[]; already: number }> {
  const added: string[] = [];
  let already = 0;
  for (const id of candidateIds) {
    if ((await registerCandidate(db, activity, id, user)) === 'added') added.push(registrationId(id, activity.id));
    else already++;
  }
  return { added, already };
}

/** Undo of a bulk registration: the registrations are cancelled, not deleted (their history stays). */
export async function cancelRegistrations(db: RegiodeskDatabase, ids: readonly string[], user: string): Promise<void> {
  const docs = await db.registrations.findByIds([...ids]).exec();
  for (const doc of docs.values()) await setRegistrationStatus(db, doc.toJSON() as Registration, 'cancelled', user);
}
