import { EventEmitter } from 'node:events';
import type { AllDocsOptions, BulkResult, ChangesQuery, ChangesResult, GetOptions, Json, Store, StoreDb } from './types';
import { STORE_DB_NAME } from './types';

/**
 * The Store interface over a real Apache CouchDB (COUCHDB_URL, e.g. `http://admin:secret@couch:5984`).
 * Regiodesk's server keeps enforcing access and validation; CouchDB only stores. CouchDB does not
 * allow database names starting with `_` for its users, so our internal databases (`_regiodesk_users`,
 * `_regiodesk_config`) live under the reserved prefix `regiodesk$`; names with that prefix are
 * never given to clients. CouchDB's own system databases (`_users`, `_replicator`) are hidden.
 */
export const INTERNAL_PREFIX = 'regiodesk$';

export function toCouchName(name: string): string {
  return name.startsWith('_') ? INTERNAL_PREFIX + name.slice(1) : name;
}

export function fromCouchName(name: string): string | null {
  if (name.startsWith(INTERNAL_PREFIX)) return '_' + name.slice(INTERNAL_PREFIX.length);
  if (name.startsWith('_')) return null; // CouchDB's own system databases
  return name;
}

/** Whether a store name may be used at all (CouchDB rule, reserved prefix excluded). */
function legalName(name: string): boolean {
  return STORE_DB_NAME.test(name) && !name.startsWith(INTERNAL_PREFIX);
}

class CouchError extends Error {
  constructor(
    readonly status: number,
    override readonly name: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** HTTP to CouchDB with the credentials of COUCHDB_URL as Basic auth (never in logs). */
export class CouchClient {
  readonly base: string;
  private readonly auth: string | undefined;

  constructor(couchUrl: string) {
    const u = new URL(couchUrl);
    if (u.username) {
      this.auth = 'Basic ' + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
    }
    u.username = '';
    u.password = '';
    this.base = u.toString().replace(/\/+$/, '');
  }

  async request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.auth) headers.Authorization = this.auth;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new CouchError(503, 'service_unavailable', `CouchDB is not reachable: ${(err as Error).message}`);
    }
    const text = method === 'HEAD' ? '' : await res.text();
    let json: unknown = undefined;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        throw new CouchError(502, 'bad_gateway', `CouchDB answered ${res.status} with a body that is not JSON.`);
      }
    }
    return { status: res.status, json };
  }

  /** Like request, but a status >= 400 becomes an error with CouchDB's `error`/`reason`. */
  async ok(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const r = await this.request(method, path, body, signal);
    if (r.status >= 400) {
      const e = (r.json ?? {}) as { error?: string; reason?: string };
      // A CouchDB refusing *us* (bad COUCHDB_URL credentials) is a server fault, not the client's.
      const status = r.status === 401 || r.status === 403 ? 502 : r.status;
      throw new CouchError(status, e.error ?? 'error', e.reason ?? `CouchDB answered ${r.status}.`);
    }
    return r.json;
  }
}

function qs(params: Record<string, unknown>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    // Keys are JSON in CouchDB's query strings; `open_revs=all` and plain strings (rev, since) are not.
    const raw = typeof v === 'string' && k !== 'startkey' && k !== 'endkey';
    out.set(k, raw ? v : JSON.stringify(v));
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}

function docPath(id: string): string {
  for (const p of ['_design/', '_local/']) {
    if (id.startsWith(p)) return p + encodeURIComponent(id.slice(p.length));
  }
  return encodeURIComponent(id);
}

class CouchDb implements StoreDb {
  private events = new EventEmitter();
  private watcher: AbortController | null = null;
  private readonly path: string;

  constructor(
    readonly name: string,
    private readonly client: CouchClient,
  ) {
    this.path = '/' + encodeURIComponent(toCouchName(name));
    this.events.setMaxListeners(0);
  }

  async info(): Promise<Json> {
    const info = (await this.client.ok('GET', this.path)) as Json;
    return { ...info, db_name: this.name };
  }

  async updateSeq(): Promise<number | string> {
    return ((await this.client.ok('GET', this.path)) as { update_seq: number | string }).update_seq;
  }

  get(id: string, opts: GetOptions = {}): Promise<unknown> {
    return this.client.ok('GET', `${this.path}/${docPath(id)}${qs({ ...opts })}`);
  }

  async bulkDocs(docs: Json[], newEdits: boolean): Promise<BulkResult[]> {
    if (docs.length === 0) return [];
    const res = (await this.client.ok('POST', `${this.path}/_bulk_docs`, { docs, new_edits: newEdits })) as BulkResult[];
    let out: BulkResult[];
    if (newEdits) {
      out = res;
    } else {
      // With new_edits=false CouchDB lists only failures; the interface answers per document.
      const failed = new Map(res.filter((r) => 'error' in r).map((r) => [r.id, r]));
      out = docs.map((d) => failed.get(String(d._id)) ?? { ok: true as const, id: String(d._id), rev: String(d._rev) });
    }
    if (out.some((r) => 'ok' in r)) this.events.emit('change');
    return out;
  }

  allDocs(opts: AllDocsOptions): Promise<Json> {
    const { keys, ...rest } = opts;
    if (keys) return this.client.ok('POST', `${this.path}/_all_docs${qs(rest)}`, { keys }) as Promise<Json>;
    return this.client.ok('GET', `${this.path}/_all_docs${qs(rest)}`) as Promise<Json>;
  }

  async changes(q: ChangesQuery, signal?: AbortSignal, feed = 'normal', timeout?: number): Promise<ChangesResult> {
    const params = {
      since: String(q.since),
      include_docs: q.includeDocs || undefined,
      style: q.allLeaves ? 'all_docs' : undefined,
      descending: q.descending || undefined,
      conflicts: q.conflicts || undefined,
      limit: q.limit,
      feed: feed === 'normal' ? undefined : feed,
      timeout,
      filter: q.docIds ? '_doc_ids' : q.selector ? '_selector' : undefined,
    };
    const url = `${this.path}/_changes${qs(params)}`;
    // CouchDB takes both filters in a POST body; `_selector` is passed through for CouchDB to evaluate.
    const body = q.docIds ? { doc_ids: q.docIds } : q.selector ? { selector: q.selector } : undefined;
    const res = (body ? await this.client.ok('POST', url, body, signal) : await this.client.ok('GET', url, undefined, signal)) as ChangesResult;
    return { results: res.results, last_seq: res.last_seq, ...(res.pending !== undefined ? { pending: res.pending } : {}) };
  }

  revsDiff(body: Record<string, string[]>): Promise<Json> {
    return this.client.ok('POST', `${this.path}/_revs_diff`, body) as Promise<Json>;
  }

  async bulkGet(docs: { id: string; rev?: string }[], opts: { revs?: boolean; latest?: boolean }): Promise<Json> {
    const res = (await this.client.ok('POST', `${this.path}/_bulk_get${qs({ revs: opts.revs || undefined, latest: opts.latest || undefined })}`, { docs })) as {
      results: { id: string; docs: Json[] }[];
    };
    // Compatible servers on newer PouchDB (express-pouchdb) lose the error of a missing revision
    // and answer `{}`; give clients CouchDB's shape so they do not take it for a document.
    for (const r of res.results) {
      r.docs = r.docs.map((d) =>
        'ok' in d || 'error' in d ? d : { error: { id: r.id, rev: docs.find((x) => x.id === r.id)?.rev ?? 'undefined', error: 'not_found', reason: 'missing' } },
      );
    }
    return res as unknown as Json;
  }

  /** CouchDB's own `_purge` (added by engineer C for the fan-out); `'*'` is resolved to every leaf first. */
  async purge(docs: Record<string, string[]>): Promise<Record<string, string[]>> {
    const body: Record<string, string[]> = {};
    for (const [id, revs] of Object.entries(docs)) {
      if (revs.length > 0 && !revs.includes('*')) {
        body[id] = revs;
        continue;
      }
      const leaves = (await this.get(id, { open_revs: 'all' }).catch(() => [])) as { ok?: { _rev: string } }[];
      body[id] = leaves.flatMap((l) => (l.ok ? [l.ok._rev] : []));
    }
    const res = (await this.client.ok('POST', `${this.path}/_purge`, body)) as { purged: Record<string, string[]> };
    this.events.emit('change');
    return res.purged;
  }

  /** Starts CouchDB's compaction (it runs in the background there). */
  async compact(): Promise<void> {
    await this.client.ok('POST', `${this.path}/_compact`, {});
  }

  /**
   * Listeners hear of our own writes at once and of writes made elsewhere (another Regiodesk
   * server on the same cluster, CouchDB's replicator) through one long-poll on CouchDB's `_changes`
   * per database, held only while someone listens.
   */
  subscribe(listener: () => void): () => void {
    this.events.on('change', listener);
    if (!this.watcher) this.watch();
    return () => {
      this.events.off('change', listener);
      if (this.events.listenerCount('change') === 0) this.stopWatching();
    };
  }

  private watch(): void {
    const ctl = new AbortController();
    this.watcher = ctl;
    void (async () => {
      let since: number | string = 'now';
      while (!ctl.signal.aborted) {
        try {
          const res = await this.changes({ since, limit: 1 }, ctl.signal, 'longpoll', 50_000);
          if (ctl.signal.aborted) return;
          if (res.results.length > 0) this.events.emit('change');
          since = res.last_seq;
        } catch {
          if (ctl.signal.aborted) return;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  stopWatching(): void {
    this.watcher?.abort();
    this.watcher = null;
  }
}

/** Databases in a CouchDB server (or cluster) behind COUCHDB_URL. */
export class CouchStore implements Store {
  readonly client: CouchClient;
  private dbs = new Map<string, CouchDb>();

  constructor(couchUrl: string) {
    this.client = new CouchClient(couchUrl);
  }

  /**
   * Checks that CouchDB answers and that our credentials are an admin's, and creates CouchDB's
   * system databases when a fresh single node lacks them (a cluster set up by the README has them).
   */
  async prepare(): Promise<void> {
    // CouchDB says {"couchdb":"Welcome"}; compatible servers (express-pouchdb) use their own key.
    const welcome = (await this.client.ok('GET', '/')) as Record<string, unknown> | undefined;
    if (!welcome || !Object.values(welcome).some((v) => typeof v === 'string' && v.startsWith('Welcome'))) throw new Error('COUCHDB_URL does not point at a CouchDB server');
    for (const sys of ['_users', '_replicator']) {
      const r = await this.client.request('PUT', '/' + sys);
      if (r.status >= 400 && r.status !== 412 && r.status !== 404 && r.status !== 400) {
        throw new Error(`could not create ${sys} in CouchDB (status ${r.status}); COUCHDB_URL must name a server admin`);
      }
    }
  }

  async list(): Promise<string[]> {
    const names = (await this.client.ok('GET', '/_all_dbs')) as string[];
    return names
      .map(fromCouchName)
      .filter((n): n is string => n !== null && STORE_DB_NAME.test(n))
      .sort();
  }

  async exists(name: string): Promise<boolean> {
    if (!legalName(name)) return false;
    const r = await this.client.request('HEAD', '/' + encodeURIComponent(toCouchName(name)));
    if (r.status === 200) return true;
    if (r.status === 404) return false;
    throw new CouchError(502, 'bad_gateway', `CouchDB answered ${r.status} for a database check.`);
  }

  async create(name: string): Promise<boolean> {
    if (!legalName(name)) throw new CouchError(400, 'illegal_database_name', 'Name is not a valid database name.');
    const r = await this.client.request('PUT', '/' + encodeURIComponent(toCouchName(name)));
    if (r.status === 201 || r.status === 202) return true;
    if (r.status === 412) return false;
    const e = (r.json ?? {}) as { error?: string; reason?: string };
    throw new CouchError(r.status >= 500 || r.status === 401 || r.status === 403 ? 502 : r.status, e.error ?? 'error', e.reason ?? 'CouchDB refused to create the database.');
  }

  async open(name: string): Promise<StoreDb | null> {
    if (!legalName(name)) return null;
    const known = this.dbs.get(name);
    if (known) return known;
    if (!(await this.exists(name))) return null;
    const db = new CouchDb(name, this.client);
    this.dbs.set(name, db);
    return db;
  }

  async destroy(name: string): Promise<boolean> {
    // Asked first: compatible servers (express-pouchdb) answer 200 to deleting a missing database.
    if (!(await this.exists(name))) return false;
    this.dbs.get(name)?.stopWatching();
    this.dbs.delete(name);
    const r = await this.client.request('DELETE', '/' + encodeURIComponent(toCouchName(name)));
    if (r.status === 404) return false;
    if (r.status >= 400) throw new CouchError(502, 'bad_gateway', `CouchDB answered ${r.status} to a database deletion.`);
    return true;
  }

  async close(): Promise<void> {
    for (const db of this.dbs.values()) db.stopWatching();
    this.dbs.clear();
  }
}
