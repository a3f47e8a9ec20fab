import i18n from 'i18next';
import { candidateSchema, validate, type Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';
import { markLocalChange } from '../../sync/status';
import { applyForm, candidateFromForm, formErrors, type CandidateFormValues, type FormField } from './form';

const known = (key: string) => i18n.exists(`validation.${key}`);

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const consentCtx = () => ({ purpose: i18n.t('form.consentPurpose'), today: today() });

export type Check = Partial<Record<FormField, string>> | null;

export function checkNew(values: CandidateFormValues, user: string, region: string): Check {
  const c = candidateFromForm(values, { ...consentCtx(), id: 'check', user, now: new Date().toISOString(), region });
  const r = validate(candidateSchema, c);
  return r.ok ? null : formErrors(r.errors, known, values);
}

/** Saves an intake locally; replication sends it when it can. Returns the new id. */
export async function insertCandidate(db: RegiodeskDatabase, values: CandidateFormValues, user: string, region: string): Promise<string> {
  const c = candidateFromForm(values, { ...consentCtx(), id: newId(), user, now: new Date().toISOString(), region });
  const r = validate(candidateSchema, c);
  if (!r.ok) throw new Error(r.reason);
  await db.candidates.insert(r.value);
  markLocalChange(c.id);
  return c.id;
}

export function checkEdit(existing: Candidate, values: CandidateFormValues, user: string): Check {
  const r = validate(candidateSchema, applyForm(existing, values, { ...consentCtx(), user, now: new Date().toISOString() }));
  return r.ok ? null : formErrors(r.errors, known, values);
}

/** Applies an edit on top of the current local state (a change that came in meanwhile stays). */
export async function updateCandidate(db: RegiodeskDatabase, id: string, values: CandidateFormValues, user: string): Promise<void> {
  const doc = await db.candidates.findOne(id).exec();
  if (!doc) throw new Error(i18n.t('detail.notFound'));
  const ctx = { ...consentCtx(), user, now: new Date().toISOString() };
  const r = validate(candidateSchema, applyForm(doc.toJSON() as Candidate, values, ctx));
  if (!r.ok) throw new Error(r.reason);
  await doc.incrementalModify((current) => applyForm(current as Candidate, values, ctx));
  markLocalChange(id);
}
