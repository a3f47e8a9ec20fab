import { candidateSchema, type Candidate } from './candidate';
import { toRxSchema } from './rx-schema';

/**
 * Version of the candidate collection's schema on laptops. Bump it together with a migration
 * strategy below whenever a stored candidate would no longer validate, so older local data is
 * carried forward instead of stranded.
 */
export const CANDIDATE_SCHEMA_VERSION = 0;

export const candidateRxSchema = toRxSchema(candidateSchema, {
  title: 'candidate',
  version: CANDIDATE_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: ['updatedAt', ['ownerRegion', 'phase', 'lastName'], ['phase', 'updatedAt']],
});

type OldDoc = Record<string, unknown>;

/** RxDB migration strategies: key n migrates a document from version n-1 to n. */
export const candidateMigrations: Record<number, (doc: OldDoc) => Candidate | OldDoc | null> = {};
