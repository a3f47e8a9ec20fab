import { candidateSchema, type Candidate } from './candidate';
import { toRxSchema } from './rx-schema';
import { reWriteEncrypted } from '../privacy/personal-fields';

/**
 * Version of the candidate collection's schema on laptops. Bump it together with a migration
 * strategy below whenever a stored candidate would no longer validate, so older local data is
 * carried forward instead of stranded.
 */
export const CANDIDATE_SCHEMA_VERSION = 4;

export const candidateRxSchema = toRxSchema(candidateSchema, {
  title: 'candidate',
  version: CANDIDATE_SCHEMA_VERSION,
  primaryKey: 'id',
  // [ownerRegion, phase]: the list's first page and its tab counts (candidateCache.ts). [id]:
  // RxDB's query planner only considers declared indexes, so without it reads in id order (the
  // full load, event mode's pages by `id > last`) scan another index whole; Dexie keeps
  // [_deleted+id] anyway, so it costs the app nothing. (As an array: dev mode's SC13 refuses the
  // bare string as redundant, which it is not for the planner.) Everything else reads the
  // in-memory column store or the `_meta.lwt` index RxDB adds itself (replication, the list
  // snapshot's catch-up). No updatedAt in any key: a key that moves on every edit costs each
  // write an index rewrite.
  indexes: [['id'], ['ownerRegion', 'phase']],
});

type OldDoc = Record<string, unknown>;

/** RxDB migration strategies: key n migrates a document from version n-1 to n. */
export const candidateMigrations: Record<number, (doc: OldDoc) => Candidate | OldDoc | null> = {
  // v1 records phase history; a v0 candidate starts its history with its current phase.
  1: (doc) =>
    doc.phaseHistory !== undefined
      ? doc
      : { ...doc, phaseHistory: [{ to: doc.phase, at: doc.createdAt, by: doc.createdBy }] },
  // v2 adds optional consent fields (channel, withdrawal, erasure): every v1 document is still
  // valid as it is. The channel is not guessed from `source`: evidence must not be invented.
  2: (doc) => doc,
  // v3 keeps the personal fields encrypted at rest (src/shared/privacy/personal-fields.ts); the
  // index by last name became one by updatedAt, since a ciphertext cannot be indexed.
  3: reWriteEncrypted,
  // v4 only changes the indexes (updatedAt and [phase, updatedAt] dropped: no query used them;
  // [ownerRegion, phase] without its updatedAt tail; id added): the documents are unchanged.
  4: (doc) => doc,
};
