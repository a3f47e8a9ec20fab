import { z } from 'zod';
import { fieldClocks, id, isoDateTime, regionCode, requiredText } from './fields';
import { toRxSchema } from './rx-schema';
import { reWriteEncrypted } from '../privacy/personal-fields';

export const NOTE_TYPE = 'note';

/** Kinds of contact a note may record (optional). */
export const NOTE_KINDS = ['gesprek', 'telefoon', 'email', 'afspraak'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/**
 * `shared`: a note (notitie), visible in every region the candidate is linked to.
 * `region`: a comment (opmerking), visible only inside the region that wrote it.
 */
export const NOTE_VISIBILITIES = ['shared', 'region'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const NOTE_TEXT_MAX = 10_000;

/** An earlier text of a corrected note: notes are never edited in place. */
export const noteVersionSchema = z.strictObject({
  text: z.string().max(NOTE_TEXT_MAX, { error: 'tooLong' }),
  at: isoDateTime,
  by: requiredText(100),
});

/**
 * A note or comment about one candidate: its own document, written once by its author in her
 * region. Corrections keep the old text in `history`; a retraction keeps the document (so every
 * region learns of it) but the timeline shows it as retracted.
 *
 * The id starts with the candidate's id and `:` (see `childIdOf`) so that the server finds all
 * of a candidate's documents with one key-range read when a region is linked or unlinked.
 */
export const noteSchema = z
  .strictObject({
    id,
    type: z.enum([NOTE_TYPE]),
    candidateId: id,
    visibility: z.enum(NOTE_VISIBILITIES, { error: 'invalidChoice' }),
    /** The region the note was written in (its home; comments never leave it). */
    region: regionCode,
    author: requiredText(100),
    kind: z.enum(NOTE_KINDS, { error: 'invalidChoice' }).optional(),
    text: requiredText(NOTE_TEXT_MAX),
    /** When the note was written; the timeline sorts by it. */
    at: isoDateTime,
    history: z.array(noteVersionSchema).max(100).optional(),
    retracted: z.strictObject({ at: isoDateTime, by: requiredText(100) }).optional(),
    /** Per-field clocks (field-merge.ts); above all `_deleted`, so an undone deletion wins. */
    fieldClocks: fieldClocks.optional(),
    updatedAt: isoDateTime,
  })
  .refine((n) => n.id.startsWith(n.candidateId + ':'), { error: 'invalidId', path: ['id'] });

export type Note = z.infer<typeof noteSchema>;

/** The id of a document that belongs to a candidate: `<candidateId>:<tag>:<suffix>`. */
export function childIdOf(candidateId: string, tag: string, suffix: string): string {
  return `${candidateId}:${tag}:${suffix}`;
}

/** The candidate id a child document id begins with, or null. */
export function candidateIdOfChild(docId: string): string | null {
  const i = docId.indexOf(':');
  return i > 0 ? docId.slice(0, i) : null;
}

export interface NewNoteInput {
  candidateId: string;
  visibility: NoteVisibility;
  region: string;
  text: string;
  kind?: NoteKind | undefined;
}

export function newNote(input: NewNoteInput, ctx: { suffix: string; user: string; now: string }): Note {
  const note: Note = {
    id: childIdOf(input.candidateId, 'n', ctx.suffix),
    type: NOTE_TYPE,
    candidateId: input.candidateId,
    visibility: input.visibility,
    region: input.region,
    author: ctx.user,
    text: input.text.trim(),
    at: ctx.now,
    updatedAt: ctx.now,
  };
  if (input.kind) note.kind = input.kind;
  return note;
}

/** A correction by the author: the new text, the old one kept in history. */
export function correctNote(n: Note, text: string, by: string, now: string): Note {
  if (by !== n.author) throw new Error('only the author may correct a note');
  if (n.retracted) throw new Error('a retracted note cannot be corrected');
  return { ...n, text: text.trim(), history: [...(n.history ?? []), { text: n.text, at: n.updatedAt, by: n.author }], updatedAt: now };
}

/** A retraction by the author: the note stays (every region learns of it) but counts as withdrawn. */
export function retractNote(n: Note, by: string, now: string): Note {
  if (by !== n.author) throw new Error('only the author may retract a note');
  if (n.retracted) return n;
  return { ...n, retracted: { at: now, by }, updatedAt: now };
}

export const NOTE_SCHEMA_VERSION = 3;

export const noteRxSchema = toRxSchema(noteSchema, {
  title: 'note',
  version: NOTE_SCHEMA_VERSION,
  primaryKey: 'id',
  // A candidate's notes; no query sorts or selects by updatedAt (v1 had an index on it).
  indexes: [['candidateId', 'at']],
});

const EPOCH = '1970-01-01T00:00:00.000Z';

/** A schema-valid note without content, standing in for a deleted or purged one (see src/shared/sync/stubs.ts). */
export function noteTombstone(id: string, region: string): Note {
  const candidateId = candidateIdOfChild(id) ?? id;
  return { id: id.startsWith(candidateId + ':') ? id : `${candidateId}:n:-`, type: NOTE_TYPE, candidateId, visibility: 'region', region, author: '-', text: '-', at: EPOCH, updatedAt: EPOCH };
}

/** RxDB migration strategies: key n migrates a document from version n-1 to n. */
export const noteMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // v1: personal fields encrypted at rest on laptops (src/shared/privacy/personal-fields.ts).
  1: reWriteEncrypted,
  // v2 only drops the unused updatedAt index: the documents are unchanged.
  2: (doc) => doc,
  // v3 adds the optional fieldClocks: documents without clocks stay as they are (they merge as
  // before until their next local write stamps them).
  3: (doc) => doc,
};
