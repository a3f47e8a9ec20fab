/**
 * An RxDB storage wrapper that keeps each document's personal fields (PERSONAL_FIELDS, by the
 * schema's title) encrypted at rest: on the way to storage they are moved, all together as one
 * JSON, into one ciphertext field `_enc`; on the way out they are put back. Built the way RxDB's
 * own encryption plugin is (wrapRxStorageInstance), but not that plugin: crypto-js derives the
 * key with MD5 on every call and encrypts field by field (~180 µs per field per document to
 * decrypt, minutes for 100,000 candidates); one XChaCha20-Poly1305 box per document costs ~15 µs.
 *
 * Ciphertext cannot be indexed, selected or sorted by the storage. Indexes on personal fields are
 * refused when the schema is generated; a query that selects or sorts on one runs here in memory:
 * the storage answers the plain part of the selector (a superset), the rest is matched, sorted
 * and paged over the decrypted documents. Correct everywhere, fast where it matters (lists,
 * counts and first pages use plain indexed fields).
 */
import {
  getQueryMatcher,
  META_INSTANCE_SCHEMA_TITLE,
  getSortComparator,
  wrapRxStorageInstance,
  type FilledMangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { personalFieldsOf } from '../../shared/privacy/personal-fields';
import { isSealed, open, seal } from './cipher';
import { splitSecret } from './secret';
import { withFreshInserts } from './freshInsert';

export const ENCRYPTED_FIELD = '_enc';
/** Documents decrypted by the storage wrapper so far (tests and benchmarks read it). */
export const decryptionStats = { opened: 0 };
/** Writes whose sealed fields are kept for their change-stream echoes (two import chunks and more). */
const FRESH_LIMIT = 4000;

type Doc = Record<string, unknown>;
const LOGICAL = new Set(['$and', '$or', '$nor']);

/** Whether a selector or sort touches a personal field (at any depth of $and/$or/$nor). */
function mentions(selector: unknown, personal: ReadonlySet<string>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  for (const [key, value] of Object.entries(selector as Doc)) {
    if (LOGICAL.has(key)) {
      if (Array.isArray(value) && value.some((s) => mentions(s, personal))) return true;
    } else if (personal.has(key.split('.')[0]!)) return true;
  }
  return false;
}

/** The part of a selector the storage can answer: top-level conditions on plain fields. */
function plainPart(selector: Doc, personal: ReadonlySet<string>): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(selector)) {
    if (!LOGICAL.has(key) && !personal.has(key.split('.')[0]!)) out[key] = value;
  }
  return out;
}

/**
 * The storage's view of a schema: the ciphertext field added. The personal properties stay
 * described (the storage validates nothing), because a schema from before encryption, opened
 * once by the migration, may still index one of them (the old candidate index on lastName).
 */
export function storedSchema<T>(schema: RxJsonSchema<RxDocumentData<T>>): RxJsonSchema<RxDocumentData<T>> {
  return { ...schema, properties: { ...schema.properties, [ENCRYPTED_FIELD]: { type: 'string' } } } as RxJsonSchema<RxDocumentData<T>>;
}

/**
 * Ciphertexts sealed ahead, off the UI thread (the import worker seals a chunk while the page
 * writes the one before), per database key and `kind|id`, each with the JSON it seals. A write
 * uses one only when its own plaintext JSON is exactly that JSON, so a document changed since
 * is sealed here as usual. Taken once; the importer withdraws what is left when it is done.
 */
export interface SealedOffer {
  kind: string;
  id: string;
  json: string;
  text: string;
}
const offers = new Map<Uint8Array, Map<string, { json: string; text: string }>>();

/** Offers ciphertexts sealed with `key`, which must be a key from `sealingKeyOf` (compared by identity). */
export function offerSealed(key: Uint8Array, entries: readonly SealedOffer[]): void {
  let mine = offers.get(key);
  if (!mine) offers.set(key, (mine = new Map()));
  for (const e of entries) mine.set(`${e.kind}|${e.id}`, { json: e.json, text: e.text });
}

export function withdrawSealed(key: Uint8Array): void {
  offers.delete(key);
}

function takeOffer(key: Uint8Array, kind: string, id: string, json: string): string | undefined {
  if (offers.size === 0) return undefined;
  const mine = offers.get(key);
  const offer = mine?.get(`${kind}|${id}`);
  if (!offer) return undefined;
  mine!.delete(`${kind}|${id}`);
  return offer.json === json ? offer.text : undefined;
}

/**
 * The key each open database's storage seals with, by database name: the importer hands it to its
 * worker (same origin, memory only) to seal ahead. The very object the wrapper holds, so an
 * offer made under it can only be used by that database.
 */
const sealingKeys = new Map<string, Uint8Array>();
export function sealingKeyOf(databaseName: string): Uint8Array | undefined {
  return sealingKeys.get(databaseName);
}

export function encryptDocument(
  key: Uint8Array,
  doc: Doc,
  personal: readonly string[],
  primaryKey: string,
  sealed?: (text: string, secret: Doc) => void,
  /** A ciphertext of exactly this JSON sealed ahead under `key`, if there is one. */
  presealed?: (id: string, json: string) => string | undefined,
): Doc {
  const { plain: out, secret } = splitSecret(doc, personal);
  const id = String(doc[primaryKey]);
  const json = JSON.stringify(secret);
  out[ENCRYPTED_FIELD] = presealed?.(id, json) ?? seal(key, json, id);
  sealed?.(out[ENCRYPTED_FIELD] as string, secret);
  return out;
}

/** The stored document without its ciphertext field, with the opened fields put back: one new object. */
export function withSecret(doc: Doc, secret: Doc): Doc {
  const out: Doc = {};
  for (const field in doc) if (field !== ENCRYPTED_FIELD) out[field] = doc[field];
  for (const field in secret) out[field] = secret[field];
  return out;
}

export function decryptDocument(key: Uint8Array, doc: Doc, primaryKey: string): Doc {
  const sealed = doc[ENCRYPTED_FIELD];
  // A document written before encryption (read once, by the schema migration that re-writes it).
  if (!isSealed(sealed)) return doc;
  return withSecret(doc, JSON.parse(open(key, sealed, String(doc[primaryKey]))) as Doc);
}

export function wrappedEncryptedStorage<Internals, InstanceCreationOptions>(args: {
  storage: RxStorage<Internals, InstanceCreationOptions>;
  key: Uint8Array;
}): RxStorage<Internals, InstanceCreationOptions> {
  const key = new Uint8Array(args.key);
  return Object.assign({}, args.storage, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, InstanceCreationOptions>): Promise<RxStorageInstance<RxDocType, Internals, InstanceCreationOptions>> {
      // Replication keeps what it assumes the server holds, whole documents, in meta instances.
      const personalList = params.schema.title === META_INSTANCE_SCHEMA_TITLE ? ['docData'] : personalFieldsOf(params.schema.title ?? '');
      if (personalList.length === 0) return args.storage.createStorageInstance(params);
      const personal = new Set(personalList);
      const primaryKey = typeof params.schema.primaryKey === 'string' ? params.schema.primaryKey : params.schema.primaryKey.key;
      // Inserts of new documents skip the Dexie storage's read of every id first (freshInsert.ts).
      const inner = withFreshInserts(await args.storage.createStorageInstance({ ...params, schema: storedSchema(params.schema) }));
      // Every write comes back at once through the change stream: the fields just sealed are
      // kept here by their (unique, random-nonce) ciphertext so that echo needs no decryption.
      // Kept after a hit: more than one subscriber reads the stream (the collection and the
      // push replication), and dropping the entry at the first made every write decrypt once
      // more. Bounded, oldest first out; a miss only costs one decryption.
      // At least twice the largest write seen: a sync's catch-up batch is 5,000 documents, and
      // with a fixed 4,000 its first 1,000 echoes were decrypted again (3.5 % of the page's time
      // in an initial sync in Chromium).
      const fresh = new Map<string, Doc>();
      let room = FRESH_LIMIT;
      const remember = (text: string, secret: Doc) => {
        if (fresh.size >= room) fresh.delete(fresh.keys().next().value as string);
        fresh.set(text, secret);
      };
      const kind = params.schema.title ?? '';
      const presealed = (id: string, json: string) => takeOffer(key, kind, id, json);
      sealingKeys.set(params.databaseName, key);
      const wrapped = wrapRxStorageInstance(
        params.schema,
        inner as RxStorageInstance<RxDocType, Internals, InstanceCreationOptions>,
        (doc) => encryptDocument(key, doc as Doc, personalList, primaryKey, remember, presealed) as RxDocumentData<RxDocType>,
        (doc) => {
          const text = (doc as Doc)[ENCRYPTED_FIELD];
          const secret = typeof text === 'string' ? fresh.get(text) : undefined;
          if (!secret) {
            decryptionStats.opened++;
            return decryptDocument(key, doc as Doc, primaryKey) as RxDocumentData<RxDocType>;
          }
          return withSecret(doc as Doc, secret) as RxDocumentData<RxDocType>;
        },
      );
      const plainQuery = wrapped.query.bind(wrapped);
      const plainBulkWrite = wrapped.bulkWrite.bind(wrapped);
      wrapped.bulkWrite = (rows, context) => {
        room = Math.max(room, 2 * rows.length);
        return plainBulkWrite(rows, context);
      };

      async function query(prepared: PreparedQuery<RxDocType>) {
        const q = prepared.query as FilledMangoQuery<RxDocType>;
        const sortsOnPersonal = q.sort.some((part) => personal.has(Object.keys(part)[0]!.split('.')[0]!));
        if (!sortsOnPersonal && !mentions(q.selector, personal)) return plainQuery(prepared);
        // The storage returns a superset (plain conditions only, no paging); the rest happens here.
        const superset = await plainQuery({
          ...prepared,
          query: { ...q, selector: plainPart(q.selector as Doc, personal), sort: [{ [primaryKey]: 'asc' }], skip: 0, limit: undefined } as unknown as FilledMangoQuery<RxDocType>,
          queryPlan: { ...prepared.queryPlan, selectorSatisfiedByIndex: false, sortSatisfiedByIndex: false },
        } as PreparedQuery<RxDocType>);
        const matches = getQueryMatcher(params.schema, q);
        const rows = superset.documents.filter((d) => matches(d)).sort(getSortComparator(params.schema, q));
        const skip = q.skip ?? 0;
        return { documents: rows.slice(skip, typeof q.limit === 'number' ? skip + q.limit : undefined) };
      }

      return Object.assign(wrapped, {
        query,
        async count(prepared: PreparedQuery<RxDocType>) {
          if (!mentions(prepared.query.selector, personal)) return inner.count(prepared);
          return { count: (await query(prepared)).documents.length, mode: 'slow' as const };
        },
      }) as unknown as RxStorageInstance<RxDocType, Internals, InstanceCreationOptions>;
    },
  });
}
