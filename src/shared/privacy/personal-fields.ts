/**
 * The fields of each kind of document that identify a private person or say something about
 * her: on laptops they are stored only encrypted (src/renderer/db/encryption.ts), all of one
 * document together in one ciphertext field. Keyed by the RxDB schema's `title` (the kind).
 *
 * Deliberately left plain (README "Data on the laptop"): ids, regions, phase, sectors,
 * functions, subjects, `place`, source, consent metadata, dates and user names of colleagues.
 * They drive indexes, filters and counts, and none of them identifies a private person alone.
 *
 * A personal field can never be in an RxDB index (toRxSchema refuses it): the storage only
 * sees ciphertext. Queries that select or sort on one still work, in memory over decrypted
 * documents (slower; see the storage wrapper).
 */
export const PERSONAL_FIELDS = {
  candidate: ['firstName', 'lastName', 'email', 'phone', 'address', 'postcode', 'dateOfBirth', 'motivation', 'currentProfession'],
  /** The text and every earlier (corrected) text. */
  note: ['text', 'history'],
  /** Contact persons at organisations: name and how to reach them, and the free note. */
  person: ['name', 'email', 'phone', 'note'],
  /** The reason and decision note are free text about the candidate; the summary is her name. */
  referral: ['reason', 'summary', 'decisionNote'],
  /** Free text about the candidate: "Bel Jan terug over ...". */
  task: ['title'],
  /** Notes about the candidate's contact with a school, and per step. */
  contact: ['note'],
  match: ['note', 'history'],
} as const satisfies Record<string, readonly string[]>;

export type PersonalKind = keyof typeof PERSONAL_FIELDS;

/** The personal fields of a kind (by RxDB schema title); none for kinds that hold no person. */
export function personalFieldsOf(kind: string): readonly string[] {
  return (PERSONAL_FIELDS as Record<string, readonly string[]>)[kind] ?? [];
}

/**
 * The migration of the schema version that moved a kind's personal fields into ciphertext: the
 * document itself does not change; RxDB re-writes every stored document through the encrypting
 * storage, so a laptop's older plaintext copy ends up encrypted.
 */
export const reWriteEncrypted = (doc: Record<string, unknown>): Record<string, unknown> => doc;
