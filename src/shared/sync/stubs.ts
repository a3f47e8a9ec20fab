import { CANDIDATE_TYPE, type Candidate } from '../domain/candidate';

/**
 * Deleted-document stubs. A document deleted through CouchDB's API (DELETE, or PouchDB's
 * remove) arrives in a pull as `{ id, _deleted: true }` without its fields; a client whose
 * schema requires those fields rejects it and its replication stalls (rxdb #7444). A pull
 * modifier fills the required fields with a tombstone so the deletion applies. Pure functions.
 */
export function isDeletedStub(doc: Record<string, unknown>): boolean {
  return doc._deleted === true && doc.type === undefined;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** A schema-valid, empty candidate standing in for a deleted one of `region`. */
export function candidateTombstone(id: string, region: string): Candidate {
  return {
    id,
    type: CANDIDATE_TYPE,
    firstName: '-',
    lastName: '-',
    phase: 'gestopt',
    sectors: [],
    functions: [],
    subjects: [],
    source: 'manual',
    consent: { given: false },
    regions: [region],
    ownerRegion: region,
    owner: '-',
    createdAt: EPOCH,
    createdBy: '-',
    updatedAt: EPOCH,
    updatedBy: '-',
  };
}

/**
 * A pull modifier (RxDB `pull.modifier`) that turns deletion stubs into deleted tombstones and
 * passes every other document unchanged. `primaryKey` is the client's primary key field.
 */
export function stubPullModifier<T extends Record<string, unknown>>(
  tombstone: (id: string) => T,
  primaryKey = 'id',
): (doc: Record<string, unknown>) => Record<string, unknown> {
  return (doc) => {
    if (!isDeletedStub(doc)) return doc;
    const id = String(doc[primaryKey] ?? doc._id ?? '');
    return { ...tombstone(id), [primaryKey]: id, _deleted: true };
  };
}
