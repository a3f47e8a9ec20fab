import i18n from 'i18next';
import { candidateSchema, validate, withPhase, type Candidate, type PhaseChange } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';
import { markLocalChange } from '../../sync/status';
import { applyForm, candidateFromForm, formErrors, type CandidateFormValues, type FormField } from './form';
import { cancelRegistrations } from '../activities/actions';

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

/**
 * What a bulk change replaced, so that it can be undone: a candidate's fields, or a registration it
 * made. A phase move also keeps the phase-history entry it added (`phaseStep`), so that the undo
 * can take exactly that entry out again.
 */
export type UndoStep = { id: string; patch: Partial<Candidate>; phaseStep?: PhaseChange } | { registration: string };

type PatchStep = Extract<UndoStep, { patch: unknown }>;

/**
 * Moves candidates to a phase (board drag, bulk action, the file's phase field). Every move goes
 * through `withPhase`, so it lands in the phase history with who and when. Returns what undoes it.
 */
export async function moveToPhase(db: RegiodeskDatabase, ids: readonly string[], to: Candidate['phase'], user: string): Promise<PatchStep[]> {
  const docs = await db.candidates.findByIds([...ids]).exec();
  const undo: PatchStep[] = [];
  const now = new Date().toISOString();
  for (const doc of docs.values()) {
    const from = (doc._data as unknown as Candidate).phase;
    if (from === to) continue;
    let phaseStep: PhaseChange | undefined;
    await doc.incrementalModify((current) => {
      const next = withPhase(current as Candidate, to, user, now);
      phaseStep = next === current ? undefined : next.phaseHistory?.at(-1);
      return next;
    });
    undo.push({ id: doc.primary, patch: { phase: from }, ...(phaseStep ? { phaseStep } : {}) });
    markLocalChange(doc.primary);
  }
  return undo;
}

/** Sets plain fields on several candidates (owner, linked regions); returns what undoes it. */
export async function patchCandidates(
  db: RegiodeskDatabase,
  ids: readonly string[],
  patchOf: (c: Candidate) => Partial<Candidate> | null,
  user: string,
): Promise<PatchStep[]> {
  const docs = await db.candidates.findByIds([...ids]).exec();
  const undo: PatchStep[] = [];
  const now = new Date().toISOString();
  for (const doc of docs.values()) {
    const current = doc._data as unknown as Candidate;
    const patch = patchOf(current);
    if (!patch) continue;
    const next = applyPatch(current, patch, now, user);
    const r = validate(candidateSchema, stripMeta(next));
    if (!r.ok) throw new Error(r.reason);
    const before: Partial<Candidate> = {};
    for (const k of Object.keys(patch) as (keyof Candidate)[]) (before as Record<string, unknown>)[k] = current[k];
    await doc.incrementalModify((c) => applyPatch(c as Candidate, patch, now, user));
    undo.push({ id: doc.primary, patch: before });
    markLocalChange(doc.primary);
  }
  return undo;
}

/**
 * A phase move taken back: while the candidate is still where the move put it and the move's entry
 * is the last of the history, the phase and the history become what they were before the move (a
 * move made by mistake leaves no trace in the figures, which are rebuilt from the history). When a
 * later move came in meanwhile (a colleague's, through sync), that one stays and the undo is
 * recorded as a move back through withPhase. Unchanged when the candidate is already back.
 */
export function withPhaseUndone(c: Candidate, back: Candidate['phase'], step: PhaseChange | undefined, user: string, now: string): Candidate {
  if (c.phase === back) return c;
  const history = c.phaseHistory ?? [];
  const last = history.at(-1);
  const same = !!step && !!last && last.from === step.from && last.to === step.to && last.at === step.at && last.by === step.by;
  if (!same || c.phase !== step.to) return withPhase(c, back, user, now);
  return { ...c, phase: back, phaseHistory: history.slice(0, -1), updatedAt: now, updatedBy: user };
}

/**
 * Undoes a bulk change: each phase move is taken back by withPhaseUndone (the history as before
 * the move); registrations it made are cancelled (a later registration brings them back).
 */
export async function undoSteps(db: RegiodeskDatabase, steps: readonly UndoStep[], user: string): Promise<void> {
  const phases = new Map<string, PatchStep>();
  const rest: PatchStep[] = [];
  const registrations: string[] = [];
  for (const s of steps) {
    if ('registration' in s) registrations.push(s.registration);
    else if (s.patch.phase) phases.set(s.id, s);
    else rest.push(s);
  }
  if (phases.size) {
    const now = new Date().toISOString();
    const docs = await db.candidates.findByIds([...phases.keys()]).exec();
    for (const doc of docs.values()) {
      const s = phases.get(doc.primary)!;
      const back = s.patch.phase!;
      if ((doc._data as unknown as Candidate).phase === back) continue;
      await doc.incrementalModify((current) => withPhaseUndone(current as Candidate, back, s.phaseStep, user, now));
      markLocalChange(doc.primary);
    }
  }
  const patches = new Map(rest.map((s) => [s.id, s.patch]));
  if (patches.size) await patchCandidates(db, [...patches.keys()], (c) => patches.get(c.id) ?? null, user);
  if (registrations.length) await cancelRegistrations(db, registrations, user);
}

/** Saves one field of the file (inline edit), validated with the shared schema first. */
export async function saveField(db: RegiodeskDatabase, id: string, patch: Partial<Candidate>, user: string): Promise<void> {
  if (patch.phase) {
    await moveToPhase(db, [id], patch.phase, user);
    return;
  }
  await patchCandidates(db, [id], () => patch, user);
}

/** A patch on a candidate; an undefined value removes the (optional) field. */
function applyPatch(c: Candidate, patch: Partial<Candidate>, now: string, user: string): Candidate {
  const out: Record<string, unknown> = { ...c, ...patch, updatedAt: now, updatedBy: user };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out as unknown as Candidate;
}

/** The document without RxDB's bookkeeping fields, as the schema knows it. */
export function stripMeta(c: Candidate): Candidate {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (!k.startsWith('_')) out[k] = v;
  return out as unknown as Candidate;
}
