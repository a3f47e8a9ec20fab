import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxCollectionCreator, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { regionDbName } from '../../src/shared';
import { COLLECTIONS } from '../../src/renderer/db/collections';
import { kindOf, pullModifierFor, pushModifierFor } from '../../src/renderer/sync/modifiers';
import { replicationFetch, type ReplicationFetchHooks } from '../../src/renderer/sync/replication';
import { orderDownstreamWrites } from '../../src/renderer/sync/fork-order';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);

type Json = Record<string, unknown>;
export type AnyDb = RxDatabase<Record<string, RxCollection<any>>>;

let counter = 0;

/**
 * `dexie`: the app's storage (Dexie) on fake-indexeddb. `memory`: RxDB's in-memory storage, for
 * large document counts: fake-indexeddb walks its unbalanced key tree from the root for every
 * cursor step, and RxDB's push reads changed documents through a cursor on the `_meta.lwt`
 * index, whose keys only grow, so pushing n documents costs O(n²) there (2,000 documents: about
 * 60 s on our machines). Chromium's IndexedDB has no such cost; the replication code is the same.
 */
export type ClientStorage = 'dexie' | 'memory';

/**
 * An RxDB client as the app builds it (Dexie storage, here on fake-indexeddb; the renderer's
 * collection definitions with their schema, migrations and merging conflict handler), without
 * dev mode, as in production. Only the named collections are opened: RxDB's open-source edition
 * allows 13 per process, and several clients share one test process.
 */
export async function rxClient(kinds: (keyof typeof COLLECTIONS)[] = ['candidates'], storage: ClientStorage = 'dexie'): Promise<AnyDb> {
  const db = (await createRxDatabase({
    name: `reliability-${process.pid}-${++counter}-${Date.now().toString(36)}`,
    storage: (storage === 'dexie' ? getRxStorageDexie({ indexedDB, IDBKeyRange }) : getRxStorageMemory()) as RxStorage<any, any>,
    multiInstance: false,
    eventReduce: true,
  })) as AnyDb;
  const creators: Record<string, RxCollectionCreator> = {};
  for (const k of kinds) creators[k] = COLLECTIONS[k];
  await db.addCollections(creators);
  return db;
}

/** fetch with a session cookie, the way the web app authenticates. */
export function cookieFetch(cookie: string): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('Cookie', cookie);
    return fetch(input, { ...init, headers });
  }) as typeof fetch;
}

export interface ReplicateOptions {
  server: string;
  region: string;
  cookie: string;
  live: boolean;
  /** Keep it per client: checkpoints persist under it across one-shot syncs. */
  identifier: string;
  retryTime?: number;
  pullBatch?: number;
  pushBatch?: number;
  /** `_changes` pages read ahead while catching up (replicationFetch's default when absent). */
  readAhead?: number;
  /** `_changes` pages per RxDB batch while catching up (replicationFetch's default when absent). */
  catchUpPages?: number;
  /** Ask a catch-up batch page by page (as before; replicationFetch's default: one request). */
  catchUpInPages?: boolean;
  /** Ask for `_changes` documents in RxDB's shape (the app's default: true; false: CouchDB's, for bench:sync's comparison). */
  rxShape?: boolean;
  /** The fetch under the replication's own (default: the cookie's); bench:sync replays recorded pages with it. */
  baseFetch?: typeof fetch;
  /** Sees every request of the replication as it ends (bench:sync's timeline of b). */
  onRequest?: (r: RequestTrace) => void;
  /** The app's refusal hooks (resend-refused.ts refusalHooks), for tests of refused documents. */
  refusals?: Pick<ReplicationFetchHooks, 'onRejected' | 'onAccepted'>;
}

export interface RequestTrace {
  method: string;
  /** Path and the query's first parameters, e.g. `_changes?since=…`. */
  what: string;
  start: number;
  end: number;
  /** Documents sent (`_bulk_docs`), ids asked (`_all_docs`) or rows received (`_changes`). */
  count: number;
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** fetch that reports each request's start and end (performance.now()) to `on`. */
function tracedFetch(base: typeof fetch, on: (r: RequestTrace) => void): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const u = new URL(url);
    const what = u.pathname.split('/').pop() + (u.searchParams.has('feed') ? ` feed=${u.searchParams.get('feed')}` : '');
    const start = performance.now();
    try {
      const res = await base(input, init);
      // The body counts: RxDB reads it right after.
      const text = await res.text();
      const end = performance.now();
      const body = typeof init?.body === 'string' ? init.body : '';
      const count = what.startsWith('_changes') ? occurrences(text, '"seq":') : what === '_all_docs' ? occurrences(body, '",') + 1 : occurrences(body, '"_id":');
      on({ method: (init?.method ?? 'GET').toUpperCase(), what, start, end, count });
      return new Response(text, { status: res.status, headers: res.headers });
    } catch (e) {
      on({ method: (init?.method ?? 'GET').toUpperCase(), what: `${what} (failed)`, start, end: performance.now(), count: 0 });
      throw e;
    }
  }) as typeof fetch;
}

/**
 * One region's CouchDB replication of one collection as the app sets it up (src/renderer/sync/
 * replication.ts): `_changes` narrowed to the collection's kind, the kind's pull and push modifiers.
 */
export function replicateRegion(collection: RxCollection<any>, o: ReplicateOptions): { rep: RxCouchDBReplicationState<any>; errors: unknown[] } {
  const type = String(collection.schema.jsonSchema.title ?? '');
  const kind = kindOf(type);
  if (!kind) throw new Error(`collection ${collection.name} is not a replicated kind (${type})`);
  const filter = {
    type,
    async knownIds(ids: string[]) {
      const found = await collection.findByIds(ids).exec();
      return new Set<string>(found.keys());
    },
  };
  orderDownstreamWrites(collection); // as startSync does
  const rep = replicateCouchDB<any>({
    replicationIdentifier: o.identifier,
    collection,
    url: `${o.server}/${regionDbName(o.region)}/`,
    live: o.live,
    retryTime: o.retryTime ?? 300,
    waitForLeadership: false,
    fetch: replicationFetch(o.onRequest ? tracedFetch(o.baseFetch ?? cookieFetch(o.cookie), o.onRequest) : (o.baseFetch ?? cookieFetch(o.cookie)), filter, {
      ...(o.readAhead ? { readAhead: o.readAhead } : {}),
      ...(o.catchUpPages ? { catchUpPages: o.catchUpPages } : {}),
      ...(o.catchUpInPages ? { catchUpInPages: true } : {}),
      ...(o.rxShape !== undefined ? { rxShape: o.rxShape } : {}),
      ...o.refusals,
    }),
    pull: { batchSize: o.pullBatch ?? 200, heartbeat: 2000, modifier: pullModifierFor(o.region, kind) as (d: any) => any },
    push: { batchSize: o.pushBatch ?? 50, modifier: pushModifierFor(o.region, [o.region], kind) as (d: any) => any },
  });
  const errors: unknown[] = [];
  rep.error$.subscribe((e) => errors.push(e));
  return { rep, errors };
}

/** A document without CouchDB's and RxDB's bookkeeping (`_rev`, `_meta`, `_attachments`…), keyed by id. */
export function content(doc: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('_') || k === 'id') continue;
    out[k] = v;
  }
  return out;
}

/** Every live (not deleted) document of a collection, id → content. */
export async function localDocs(collection: RxCollection<any>): Promise<Map<string, Json>> {
  const docs = await collection.find().exec();
  return new Map(docs.map((d: { primary: string; toJSON(): Json }) => [d.primary, content(d.toJSON())]));
}

/**
 * Every live document of a region database on the server (of one `type` when given: a region
 * holds notes, tasks… beside candidates), id → content, and ids with conflicts.
 */
export async function serverDocs(server: string, region: string, cookie: string, type?: string): Promise<{ docs: Map<string, Json>; conflicted: string[] }> {
  const res = await fetch(`${server}/${regionDbName(region)}/_all_docs?include_docs=true&conflicts=true`, { headers: { Cookie: cookie } });
  if (!res.ok) throw new Error(`_all_docs: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { rows: { id: string; doc?: Json }[] };
  const docs = new Map<string, Json>();
  const conflicted: string[] = [];
  for (const row of body.rows) {
    if (!row.doc || (type !== undefined && row.doc.type !== type)) continue;
    if (Array.isArray(row.doc._conflicts) && row.doc._conflicts.length > 0) conflicted.push(row.id);
    docs.set(row.id, content(row.doc));
  }
  return { docs, conflicted };
}

/** Differences between two id → content maps, as readable lines (empty when equal). */
export function diffDocs(a: Map<string, Json>, b: Map<string, Json>, names: [string, string], limit = 10): string[] {
  const out: string[] = [];
  for (const [id, doc] of a) {
    const other = b.get(id);
    if (!other) out.push(`${id}: on ${names[0]}, missing on ${names[1]}`);
    else if (JSON.stringify(sorted(doc)) !== JSON.stringify(sorted(other))) {
      out.push(`${id}: differs\n  ${names[0]}: ${JSON.stringify(sorted(doc))}\n  ${names[1]}: ${JSON.stringify(sorted(other))}`);
    }
    if (out.length >= limit) return out;
  }
  for (const id of b.keys()) {
    if (!a.has(id)) out.push(`${id}: on ${names[1]}, missing on ${names[0]}`);
    if (out.length >= limit) break;
  }
  return out;
}

function sorted(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sorted);
  if (x && typeof x === 'object') {
    return Object.fromEntries(
      Object.keys(x as Json)
        .filter((k) => (x as Json)[k] !== undefined)
        .sort()
        .map((k) => [k, sorted((x as Json)[k])]),
    );
  }
  return x;
}

export async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
