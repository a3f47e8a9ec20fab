import {
  contactId, contactSchema, CONTACT_TYPE, isOutcome, matchSchema, newMatch, newVacancy, validate, vacancySchema, withPhase, withStep,
  type Candidate, type Contact, type Match, type MatchStep, type Vacancy, type VacancyInput,
} from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';
import { markLocalChange } from '../../sync/status';

/** What the vacancy form holds: every field as typed, so nothing typed is lost on an error. */
export interface VacancyFormValues {
  title: string;
  organisationId: string;
  function: string;
  sector: string;
  subjects: string[];
  hoursPerWeek: string;
  place: string;
  postcode: string;
  startDate: string;
  closingDate: string;
  routes: string[];
  status: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  description: string;
  public: boolean;
}

export const EMPTY_VACANCY: VacancyFormValues = {
  title: '', organisationId: '', function: 'docent', sector: '', subjects: [], hoursPerWeek: '', place: '', postcode: '', startDate: '',
  closingDate: '', routes: [], status: 'open', contactName: '', contactEmail: '', contactPhone: '', description: '', public: false,
};

export function newVacancyId(): string {
  return `vac-${newId().replace(/-/g, '').slice(0, 16).toLowerCase()}`;
}

export function formOfVacancy(v: Vacancy): VacancyFormValues {
  return {
    title: v.title, organisationId: v.organisationId, function: v.function, sector: v.sector, subjects: [...v.subjects],
    hoursPerWeek: v.hoursPerWeek !== undefined ? String(v.hoursPerWeek) : '', place: v.place ?? '', postcode: v.postcode ?? '',
    startDate: v.startDate ?? '', closingDate: v.closingDate ?? '', routes: [...v.routes], status: v.status, contactName: v.contactName ?? '',
    contactEmail: v.contactEmail ?? '', contactPhone: v.contactPhone ?? '', description: v.description ?? '', public: v.public,
  };
}

/**
 * Turns the form into a valid vacancy or field errors (shared schema). The organisation's name is
 * copied in so lists and the public page need no lookup; an edit keeps its creation fields.
 */
export function vacancyFromForm(
  f: VacancyFormValues,
  ctx: { id: string; region: string; user: string; now: string; organisationName: string | undefined; existing?: Vacancy | undefined },
): { ok: true; value: Vacancy } | { ok: false; errors: Record<string, string> } {
  const hours = f.hoursPerWeek.trim() === '' ? undefined : Number(f.hoursPerWeek.replace(',', '.'));
  // Only the vacancy's own fields: the form may carry helpers (a new organisation's name).
  const fields = Object.fromEntries(Object.keys(EMPTY_VACANCY).map((k) => [k, f[k as keyof VacancyFormValues]]));
  const input = { ...fields, organisationName: ctx.organisationName ?? '', hoursPerWeek: hours } as Partial<VacancyInput>;
  const built = newVacancy(input, ctx);
  const v = ctx.existing ? { ...built, createdAt: ctx.existing.createdAt, createdBy: ctx.existing.createdBy, ...(ctx.existing.fieldClocks ? { fieldClocks: ctx.existing.fieldClocks } : {}) } : built;
  const r = validate(vacancySchema, v);
  if (r.ok) return { ok: true, value: r.value };
  const errors: Record<string, string> = {};
  for (const [path, msg] of Object.entries(r.errors)) {
    const field = path === 'organisationName' ? 'organisationId' : path.split('.')[0]!;
    errors[field] ??= msg;
  }
  return { ok: false, errors };
}

export async function saveVacancy(db: RegiodeskDatabase, v: Vacancy): Promise<void> {
  await db.vacancies.upsert(v);
  markLocalChange(v.id);
}

/** Proposes a candidate for a vacancy; proposing again returns the existing match unchanged. */
export async function proposeMatch(db: RegiodeskDatabase, candidateId: string, vacancy: Vacancy, date: string, user: string): Promise<Match> {
  const m = newMatch({ candidateId, vacancyId: vacancy.id, region: vacancy.region, date }, { user, now: new Date().toISOString() });
  const existing = await db.matches.findOne(m.id).exec();
  if (existing) return existing.toJSON() as Match;
  const r = validate(matchSchema, m);
  if (!r.ok) throw new Error(r.reason);
  await db.matches.insert(r.value);
  markLocalChange(r.value.id);
  return r.value;
}

/**
 * Withdraws a proposal made by mistake: only while it is a bare `voorgesteld` (no interview or
 * outcome recorded yet, so no history is lost). True when it was removed.
 */
export async function withdrawMatch(db: RegiodeskDatabase, matchIdValue: string): Promise<boolean> {
  const doc = await db.matches.findOne(matchIdValue).exec();
  if (!doc) return false;
  const m = doc.toJSON() as Match;
  if (m.step !== 'voorgesteld' || m.history.length !== 1) return false;
  await doc.remove();
  markLocalChange(matchIdValue);
  return true;
}

/** The contact status that mirrors a match step (the candidate's file shows contacts with schools). */
const CONTACT_STATUS_OF: Record<MatchStep, Contact['status']> = {
  voorgesteld: 'contact_gelegd', gesprek: 'gesprek', meeloopdag: 'meeloopdag', aanbod: 'gesprek', aangenomen: 'aangenomen', afgewezen: 'afgewezen',
};

/**
 * Moves a match to a step with its date and note. Besides the match itself it keeps the school
 * contact (candidate ↔ the vacancy's organisation) up to date, and on `aangenomen` marks the
 * vacancy filled and moves the candidate to `geplaatst` through withPhase, so the phase history
 * and the dashboard see the placement. Each write is a whole valid document.
 */
export async function advanceMatch(
  db: RegiodeskDatabase,
  matchIdValue: string,
  step: MatchStep,
  input: { date: string; note: string },
  user: string,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const doc = await db.matches.findOne(matchIdValue).exec();
  if (!doc) return { ok: false, errors: { step: 'notFound' } };
  const now = new Date().toISOString();
  const next = withStep(doc.toJSON() as Match, step, input.date, input.note, user, now);
  const r = validate(matchSchema, next);
  if (!r.ok) {
    const errors: Record<string, string> = {};
    for (const [path, msg] of Object.entries(r.errors)) {
      const f = /\.date$/.test(path) ? 'date' : /\.note$/.test(path) ? 'note' : 'step';
      errors[f] ??= msg;
    }
    return { ok: false, errors };
  }
  await doc.incrementalModify(() => r.value);
  markLocalChange(matchIdValue);
  const vacancyDoc = await db.vacancies.findOne(next.vacancyId).exec();
  const vacancy = vacancyDoc?.toJSON() as Vacancy | undefined;
  if (vacancy) await upsertSchoolContact(db, next, vacancy, CONTACT_STATUS_OF[step], input.date, user);
  if (step === 'aangenomen') {
    if (vacancyDoc && vacancy?.status !== 'filled') {
      await vacancyDoc.incrementalModify((v) => ({ ...(v as Vacancy), status: 'filled', public: (v as Vacancy).public, updatedAt: now, updatedBy: user }));
      markLocalChange(vacancyDoc.primary);
    }
    const cand = await db.candidates.findOne(next.candidateId).exec();
    if (cand) {
      await cand.incrementalModify((c) => withPhase(c as Candidate, 'geplaatst', user, now));
      markLocalChange(cand.primary);
    }
  }
  return { ok: true };
}

/** One contact per candidate and organisation: the newest step's status and date. */
async function upsertSchoolContact(db: RegiodeskDatabase, m: Match, v: Vacancy, status: Contact['status'], date: string, user: string): Promise<void> {
  const now = new Date().toISOString();
  const existing = await db.contacts.findOne({ selector: { candidateId: m.candidateId, organisationId: v.organisationId } }).exec();
  if (existing) {
    await existing.incrementalModify((c) => ({ ...(c as Contact), status, date, updatedAt: now, updatedBy: user }));
    markLocalChange(existing.primary);
    return;
  }
  const contact: Contact = {
    id: contactId(m.candidateId, newId().replace(/-/g, '').slice(0, 16)),
    type: CONTACT_TYPE,
    candidateId: m.candidateId,
    organisationId: v.organisationId,
    organisationName: v.organisationName,
    region: m.region,
    status,
    date,
    note: `Vacature: ${v.title}`.slice(0, 1000),
    createdAt: now,
    createdBy: user,
    updatedAt: now,
    updatedBy: user,
  };
  const r = validate(contactSchema, contact);
  if (r.ok) {
    await db.contacts.insert(r.value);
    markLocalChange(r.value.id);
  }
}

export { isOutcome };
