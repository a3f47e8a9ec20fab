import type { z } from 'zod';
import { candidateSchema, CANDIDATE_TYPE } from './candidate';
import { noteSchema, noteTombstone, NOTE_TYPE } from './note';
import { referralSchema, referralTombstone, REFERRAL_TYPE } from './referral';
import { activitySchema, activityTombstone, ACTIVITY_TYPE } from './activity';
import { registrationSchema, registrationTombstone, REGISTRATION_TYPE } from './registration';
import { taskSchema, taskTombstone, TASK_TYPE } from './task';
import { contactSchema, contactTombstone, CONTACT_TYPE } from './contact';
import { organisationSchema, organisationTombstone, ORGANISATION_TYPE } from './organisation';
import { savedViewSchema, savedViewTombstone, SAVED_VIEW_TYPE } from './savedView';
import { vacancySchema, vacancyTombstone, VACANCY_TYPE } from './vacancy';
import { matchSchema, matchTombstone, MATCH_TYPE } from './match';
import { personSchema, personTombstone, PERSON_TYPE } from './person';
import { validate, type FieldErrors } from './validation';
import { candidateTombstone } from '../sync/stubs';

/**
 * Every kind of document that may live in a region database, by its `type` field. The server
 * accepts no other document there; the client has one RxDB collection per kind.
 */
export const DOCUMENT_KINDS = {
  [CANDIDATE_TYPE]: {
    schema: candidateSchema,
    /** The regions a document of this kind belongs to. */
    regionsOf: (doc: z.infer<typeof candidateSchema>): string[] => doc.regions,
    /** The region whose replication sends it (see CONTRIBUTING: replication of a new kind). */
    homeRegion: (doc: z.infer<typeof candidateSchema>): string => doc.ownerRegion,
    /** A schema-valid body without personal data for a deletion stub pulled from `region`. */
    tombstone: (id: string, region: string) => candidateTombstone(id, region),
  },
  /** Written in its author's region; the fan-out (sync-server/fanout) carries shared notes on. */
  [NOTE_TYPE]: {
    schema: noteSchema,
    regionsOf: (doc: z.infer<typeof noteSchema>): string[] => [doc.region],
    homeRegion: (doc: z.infer<typeof noteSchema>): string => doc.region,
    tombstone: (id: string, region: string) => noteTombstone(id, region),
  },
  [REFERRAL_TYPE]: {
    schema: referralSchema,
    regionsOf: (doc: z.infer<typeof referralSchema>): string[] => [doc.fromRegion, doc.toRegion],
    tombstone: (id: string, region: string) => referralTombstone(id, region),
  },
  /** An activity lives in its organising region (sync of registrations: features/event-mode). */
  [ACTIVITY_TYPE]: {
    schema: activitySchema,
    regionsOf: (doc: z.infer<typeof activitySchema>): string[] => [doc.region],
    tombstone: (id: string, region: string) => activityTombstone(id, region),
  },
  [REGISTRATION_TYPE]: {
    schema: registrationSchema,
    regionsOf: (doc: z.infer<typeof registrationSchema>): string[] => [doc.region],
    tombstone: (id: string, region: string) => registrationTombstone(id, region),
  },
  /** Tasks, contacts, organisations (entered by hand) and saved views live in one region. */
  [TASK_TYPE]: {
    schema: taskSchema,
    regionsOf: (doc: z.infer<typeof taskSchema>): string[] => [doc.region],
    tombstone: (id: string, region: string) => taskTombstone(id, region),
  },
  [CONTACT_TYPE]: {
    schema: contactSchema,
    regionsOf: (doc: z.infer<typeof contactSchema>): string[] => [doc.region],
    tombstone: (id: string, region: string) => contactTombstone(id, region),
  },
  [ORGANISATION_TYPE]: {
    schema: organisationSchema,
    regionsOf: (doc: z.infer<typeof organisationSchema>): string[] => [doc.region],
    tombstone: (id: string, region: string) => organisationTombstone(id, region),
  },
  /** A region's contact persons at organisations (the network). */
  [PERSON_TYPE]: {
    schema: personSchema,
    regionsOf: (doc: z.infer<typeof personSchema>): string[] => [doc.region],
    tombstone: (id: string, region: string) => personTombstone(id, region),
  },
  [SAVED_VIEW_TYPE]: {
    schema: savedViewSchema,
    regionsOf: (doc: z.infer<typeof savedViewSchema>): string[] => [doc.region],
    tombstone: (id: string, region: string) => savedViewTombstone(id, region),
  },
  /** Vacancies and their matches are region data of the desk that keeps the vacancy. */
  [VACANCY_TYPE]: {
    schema: vacancySchema,
    regionsOf: (doc: z.infer<typeof vacancySchema>): string[] => [doc.region],
    homeRegion: (doc: z.infer<typeof vacancySchema>): string => doc.region,
    tombstone: (id: string, region: string) => vacancyTombstone(id, region),
  },
  [MATCH_TYPE]: {
    schema: matchSchema,
    regionsOf: (doc: z.infer<typeof matchSchema>): string[] => [doc.region],
    homeRegion: (doc: z.infer<typeof matchSchema>): string => doc.region,
    tombstone: (id: string, region: string) => matchTombstone(id, region),
  },
} as const;

export type DocumentType = keyof typeof DOCUMENT_KINDS;

/** CouchDB's own fields; they are the store's business, not the domain's. */
const COUCH_FIELDS = ['_rev', '_revisions', '_deleted', '_conflicts', '_deleted_conflicts', '_local_seq', '_meta', '_attachments'];

/** A document as stored on the server (`_id`) turned into its domain form (`id`). */
export function fromWire(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const k of COUCH_FIELDS) delete out[k];
  if (typeof doc._id === 'string') {
    out.id = doc._id;
    delete out._id;
  }
  return out;
}

export type DocumentCheck =
  | { ok: true; type: DocumentType; deleted: boolean }
  | { ok: false; reason: string; errors?: FieldErrors };

/**
 * Whether a document written to the database of `region` is acceptable: a deletion of an
 * existing document is (its body may be a bare stub), anything else must be a valid document of
 * a known kind that belongs to that region.
 */
export function checkRegionDocument(region: string, doc: Record<string, unknown>): DocumentCheck {
  const deleted = doc._deleted === true;
  if (deleted && doc.type === undefined) return { ok: true, type: CANDIDATE_TYPE, deleted };
  const type = doc.type;
  if (typeof type !== 'string' || !(type in DOCUMENT_KINDS)) {
    return { ok: false, reason: `unknown document type: ${JSON.stringify(type ?? null)}` };
  }
  const kind = DOCUMENT_KINDS[type as DocumentType];
  const result = validate(kind.schema, fromWire(doc));
  if (!result.ok) return { ok: false, reason: result.reason, errors: result.errors };
  // Each kind's regionsOf takes its own document type; the union of them takes none directly.
  if (!(kind.regionsOf as (doc: unknown) => string[])(result.value).includes(region)) {
    return { ok: false, reason: `document is not linked to region ${region}` };
  }
  return { ok: true, type: type as DocumentType, deleted };
}
