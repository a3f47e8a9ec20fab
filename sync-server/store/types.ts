/**
 * The storage behind the CouchDB API. The embedded implementation keeps one PouchDB (LevelDB)
 * per database in the data folder; a CouchDB-proxy implementation (COUCHDB_URL) can implement
 * the same interface over HTTP. Results use CouchDB's JSON shapes so routes pass them through.
 */
export type Json = Record<string, unknown>;

export interface ChangesQuery {
  /** A sequence from an earlier answer, 0 for the beginning. `now` is resolved by the caller. */
  since: number | string;
  limit?: number;
  includeDocs?: boolean;
  /** `style=all_docs`: every leaf revision, not only the winner. */
  allLeaves?: boolean;
  descending?: boolean;
  conflicts?: boolean;
  /** Only changes of these documents (`filter=_doc_ids`). */
  docIds?: string[];
  /** Only changes whose document matches this Mango selector (`filter=_selector`). */
  selector?: Record<string, unknown>;
  /**
   * With includeDocs: the store may give each row's `doc` as a RawDoc (store/raw-doc.ts, its JSON
   * text) instead of an object. Only callers that write rows with couch/changes-text.ts ask.
   */
  rawDocs?: boolean;
}

export interface ChangesResult {
  results: Json[];
  last_seq: number | string;
  pending?: number;
}

export interface GetOptions {
  rev?: string;
  revs?: boolean;
  revs_info?: boolean;
  conflicts?: boolean;
  deleted_conflicts?: boolean;
  open_revs?: 'all' | string[];
  latest?: boolean;
}

export interface AllDocsOptions {
  keys?: string[];
  include_docs?: boolean;
  conflicts?: boolean;
  startkey?: string;
  endkey?: string;
  inclusive_end?: boolean;
  limit?: number;
  skip?: number;
  descending?: boolean;
}

/** One per-document answer of a bulk write, as CouchDB gives it. */
export type BulkResult = { ok: true; id: string; rev: string } | { id: string; rev?: string; error: string; reason: string };

export interface StoreDb {
  readonly name: string;
  info(): Promise<Json>;
  updateSeq(): Promise<number | string>;
  /** A document, or its requested revisions (open_revs); throws a 404 error when missing. */
  get(id: string, opts?: GetOptions): Promise<unknown>;
  bulkDocs(docs: Json[], newEdits: boolean): Promise<BulkResult[]>;
  allDocs(opts: AllDocsOptions): Promise<Json>;
  changes(query: ChangesQuery): Promise<ChangesResult>;
  revsDiff(body: Record<string, string[]>): Promise<Json>;
  bulkGet(docs: { id: string; rev?: string }[], opts: { revs?: boolean; latest?: boolean }): Promise<Json>;
  /** Calls `listener` after every write; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * CouchDB's `_purge`: removes the given leaf revisions (`'*'`: all) of each document so that
   * none of their content stays readable; answers what was purged per document.
   */
  purge(docs: Record<string, string[]>): Promise<Record<string, string[]>>;
  /** Drops the bodies of old revisions (revision ids stay), as CouchDB's `_compact`. */
  compact?(): Promise<void>;
}

export interface Store {
  /** Names of all databases, sorted, internal ones included. */
  list(): Promise<string[]>;
  exists(name: string): Promise<boolean>;
  /** Creates a database; false when it already existed. */
  create(name: string): Promise<boolean>;
  /** An existing database, or null. */
  open(name: string): Promise<StoreDb | null>;
  close(): Promise<void>;
  /** Deletes a database and its data; false when it did not exist. */
  destroy?(name: string): Promise<boolean>;
}

/** Database names the store accepts: CouchDB's rule without `/`, plus a leading `_` for internal ones. */
export const STORE_DB_NAME = /^[a-z_][a-z0-9_$()+-]{0,237}$/;
