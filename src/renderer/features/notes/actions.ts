import { correctNote, newNote, noteSchema, retractNote, validate, type Candidate, type Note, type NoteKind, type NoteVisibility } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';
import { markLocalChange } from '../../sync/status';

export interface NoteInput {
  text: string;
  kind: NoteKind | '';
  visibility: NoteVisibility;
}

/** A short random suffix for child ids (`<candidate>:n:<suffix>`). */
export function suffix(): string {
  return newId().replace(/-/g, '').slice(0, 16);
}

/**
 * The region a note written now belongs to: the region being viewed when the candidate is linked
 * to it, else the first linked region the user may write in (her own region's notes stay hers).
 */
export function noteRegion(c: Pick<Candidate, 'regions' | 'ownerRegion'>, viewed: string | null, writable: (region: string) => boolean): string | null {
  if (viewed && c.regions.includes(viewed) && writable(viewed)) return viewed;
  return [c.ownerRegion, ...c.regions].find(writable) ?? null;
}

/** Field errors (i18n keys under validation.*), or null when the note can be saved. */
export function checkNote(input: NoteInput): Partial<Record<'text', string>> | null {
  if (!input.text.trim()) return { text: 'required' };
  if (input.text.length > 10_000) return { text: 'tooLong' };
  return null;
}

export async function addNote(db: RegiodeskDatabase, c: Pick<Candidate, 'id'>, region: string, input: NoteInput, user: string): Promise<Note> {
  const note = newNote(
    { candidateId: c.id, visibility: input.visibility, region, text: input.text, kind: input.kind || undefined },
    { suffix: suffix(), user, now: new Date().toISOString() },
  );
  const r = validate(noteSchema, note);
  if (!r.ok) throw new Error(r.reason);
  await db.notes.insert(r.value);
  markLocalChange(note.id);
  return r.value;
}

/** A correction: new text, the old one kept in the note's history (only the author may). */
export async function correct(db: RegiodeskDatabase, id: string, text: string, user: string): Promise<void> {
  const doc = await db.notes.findOne(id).exec();
  if (!doc) throw new Error('not found');
  const now = new Date().toISOString();
  const next = correctNote(doc.toJSON() as Note, text, user, now);
  const r = validate(noteSchema, next);
  if (!r.ok) throw new Error(r.reason);
  await doc.incrementalModify((cur) => correctNote(cur as Note, text, user, now));
  markLocalChange(id);
}

export async function retract(db: RegiodeskDatabase, id: string, user: string): Promise<void> {
  const doc = await db.notes.findOne(id).exec();
  if (!doc) throw new Error('not found');
  const now = new Date().toISOString();
  await doc.incrementalModify((cur) => retractNote(cur as Note, user, now));
  markLocalChange(id);
}
