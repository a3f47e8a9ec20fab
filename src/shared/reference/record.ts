import type { Organisation } from '../domain/organisation';

/** The content of a reference organisation: everything but id, type, region and bookkeeping. */
export type ReferenceFields = Omit<Organisation, 'id' | 'type' | 'region' | 'fieldClocks' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>;

/** One organisation a file describes, keyed by an id made of its official codes. */
export interface ReferenceRecord {
  id: string;
  /** Line in the file (1-based); derived records (an institution named by programmes) repeat the first line naming them. */
  line: number;
  fields: ReferenceFields;
  /** Derived records are never closed for being absent (only rows of the file itself are). */
  derived?: boolean;
}

export interface RejectedRow {
  line: number;
  /** A short English reason naming the column, e.g. `BRIN NUMMER "1X" is not a BRIN code`. */
  reason: string;
}

/** The rows of one file turned into records, and what decides which existing records it replaces. */
export interface ReferenceFile {
  /** What kind of file it was: DUO locations or boards, or a programmes list. */
  format: 'duo-locations' | 'duo-boards' | 'programmes';
  records: ReferenceRecord[];
  rejected: RejectedRow[];
  /** Data rows in the file. */
  rows: number;
  /** Existing records of this source and these kinds (and sectors, when given) that the file covers. */
  scope: { source: 'duo' | 'programmes'; kinds: Organisation['kind'][]; sectors: string[] | null };
  unknownColumns: string[];
}

/** Ids made of official codes, so a re-import of any later file finds the same document. */
export const referenceIds = {
  location: (brin: string, vestiging: string | undefined) => `duo-${brin}${vestiging ?? ''}`,
  board: (bevoegdGezag: string) => `duo-bg-${bevoegdGezag}`,
  programme: (code: string) => `prog-${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 64),
  institution: (code: string) => `inst-${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 64),
};
