import { randomUUID } from 'node:crypto';
import { checkReferenceDocument, checkRegionDocument, regionOfDb } from '../../src/shared';
import { badRequest, HttpError } from '../http/errors';
import type { Json } from '../store/types';

const RESERVED_PREFIXES = ['_design/', '_local/'];

/** CouchDB's document id rule: a non-empty string, `_` only for reserved prefixes. */
export function docIdProblem(id: unknown): string | null {
  if (typeof id !== 'string' || id.length === 0) return 'Document id must be a non-empty string.';
  if (id.length > 1024) return 'Document id is too long.';
  if (id.startsWith('_') && !RESERVED_PREFIXES.some((p) => id.startsWith(p) && id.length > p.length)) {
    return 'Only reserved document ids may start with underscore.';
  }
  return null;
}

export function assertDocId(id: string): void {
  const problem = docIdProblem(id);
  if (problem) throw new HttpError(400, 'illegal_docid', problem);
}

/** The body of a write must be a JSON object. */
export function asDoc(value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('Document must be a JSON object.');
  }
  return value as Json;
}

export function newDocId(): string {
  return randomUUID().replace(/-/g, '');
}

/**
 * What CouchDB's validate_doc_update would say about writing `doc` to database `db`: null when
 * acceptable, else the reason for a `forbidden` answer. Region databases accept only valid
 * documents of that region; `_local/` documents are not validated; attachments are refused.
 */
export function writeProblem(db: string, doc: Json): { error: string; reason: string } | null {
  const id = doc._id;
  const idProblem = docIdProblem(id);
  if (idProblem) return { error: 'illegal_docid', reason: idProblem };
  if ((id as string).startsWith('_local/')) return null;
  if (doc._attachments !== undefined) {
    return { error: 'forbidden', reason: 'Attachments are not supported by this server.' };
  }
  const region = regionOfDb(db);
  if (region === null) {
    const ref = checkReferenceDocument(db, doc);
    return ref === null ? null : { error: 'forbidden', reason: ref };
  }
  const check = checkRegionDocument(region, doc);
  return check.ok ? null : { error: 'forbidden', reason: check.reason };
}
