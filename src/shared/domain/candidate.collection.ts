import { candidateSchema, type Candidate } from './candidate';
import { toRxSchema } from './rx-schema';
import { reWriteEncrypted } from '../privacy/personal-fields';

/**
 * Version of the candidate collection's schema on laptops. Bump it together with a migration
 * strategy below whenever a stored candidate would no longer validate, so older local data is
 * carried forward instead of stranded.
 */
export const CANDIDATE_SCHEMA_VERSION = 3;

export const candidateRxSchema = toRxSchema(candidateSchema, {
  title: 'candidate',
  version: CANDIDATE_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: ['updatedAt', ['ownerRegion', 'phase', 'updatedAt'], ['phase', 'updatedAt']],
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
};
