import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import { regionDbName } from '../../shared';
import type { RegiodeskDatabase } from '../db/database';
import { isDesktop } from '../platform/bridge';
import { authorizedInit } from './serverFetch';
import { readKindChanges, withKindSelector, withRxShape, type ChangesPage, type KindFilter } from './kind-fetch';
import { prefetchingPages } from './prefetch';
import { EmptyRanges } from './empty-ranges';
import { SharedLiveReads } from './shared-reads';
import { CATCH_UP_READ_AHEAD, readCatchingUp } from './catch-up';
import { kindOf, pullModifierFor, pushModifierFor, type ReplicatedKind } from './modifiers';
import { removePending, syncStatus } from './status';
import { receiveClocks } from './clock';
import { recordConflicts } from './journal';
import { refusalHooks, RefusedResender } from './resend-refused';
import { onMerge } from '../db/conflict';
import { DbNotifier } from './notifier';
import { deletionClocks, regionOfUrl, withDeletedDocs } from './deleted-docs';
import { noteStorageError, watchStorage } from './storage';
import { countConflicts, countReceived, countSent, cycleEnded, cycleStarted, pageRead } from './progress';
import { applyErasures } from '../features/privacy/erasure-sync';
import { orderDownstreamWrites } from './fork-order';
import { markPulledWrites, skipPulledStates } from './pulled-states';

export interface Replication {
  collection: string;
  type: string;
  region: string;
  state: RxCouchDBReplicationState<any>;
}

export interface SyncHandle {
  notifier: DbNotifier;
  states: RxCouchDBReplicationState<any>[];
  replications: Replication[];
  reSync(): void;
  stop(): Promise<void>;
}

/**
 * Documents per pull and push request. Each request costs a round trip and RxDB's per-batch
 * bookkeeping, so bigger batches sync a region much faster (npm run bench:sync: pull 200 → 1000
 * made an initial sync of 20,000 candidates 2.4× faster; push 50 → 250 nearly halved an
 * end-of-day sync of 2,000 changes each way). A pull page of 1,000 candidates is about 1.5 MB.
 * A push batch costs two round trips (RxDB reads the server's revisions with `_all_docs`, then
 * writes with `_bulk_docs`) and RxDB queues each batch behind the last one's meta write: 2,000
 * per batch sends an end-of-day sync's 2,000 edits in one `_all_docs` + one `_bulk_docs` (with
 * 1,000, in Chromium the second batch started 1.7-7 s after the first ended, behind the pull's
 * writes; npm run bench:sync-browser), and 2,000 candidates (≈ 3 MB) stay far below the
 * server's body limit (16 MB).
 */
export const PULL_BATCH_SIZE = 1000;
export const PUSH_BATCH_SIZE = 2000;

/**
 * fetch for the replications: the AuthSession cookie in web mode, a Basic header from the
 * bridge's stored credentials on the desktop (serverFetch.ts). It also tells the status indicator whether the
 * server answers, which is a better signal than navigator.onLine.
 */
export function makeSyncFetch(server: string, desktop = isDesktop()): typeof fetch {
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const authorized = await authorizedInit(server, init, desktop); // serverFetch.ts: cookie or Basic
    let res: Response;
    try {
      res = await fetch(input, authorized);
    } catch (e) {
      syncStatus.setState({ serverReachable: false });
      throw e;
    }
    syncStatus.setState({ serverReachable: true, authProblem: res.status === 401 });
    if (!res.ok && res.status !== 404 && res.status !== 409) {
      // Throwing makes RxDB retry after retryTime instead of parsing an error body as data.
      throw new Error(`HTTP ${res.status} for ${typeof input === 'string' ? input : String(input)}`);
    }
    return res;
  };
  return wrapped as typeof fetch;
}

/** The collections that replicate: those whose RxDB schema title is a kind in DOCUMENT_KINDS. */
export function replicatedCollections(db: RegiodeskDatabase): { name: string; type: string; kind: ReplicatedKind; collection: RxCollection }[] {
  const out: { name: string; type: string; kind: ReplicatedKind; collection: RxCollection }[] = [];
  for (const [name, collection] of Object.entries(db.collections as Record<string, RxCollection>)) {
    const type = String(collection.schema.jsonSchema.title ?? '');
    const kind = kindOf(type);
    if (kind) out.push({ name, type, kind, collection });
  }
  return out;
}

export interface ReplicationFetchHooks {
  /** Every raw `_changes` page a pull reads (progress). */
  onChangesPage?(page: ChangesPage): void;
  /** The documents of the kind one pull hands to RxDB. */
  onReceived?(docs: Record<string, unknown>[]): void;
  /** Documents the server refused in a `_bulk_docs` (taken out of the answer, see below). */
  onRejected?(rows: BulkRow[]): void;
  /** Documents the server took. */
  onAccepted?(ids: string[]): void;
  /** The shared change stream and this replication's database: long-polls wait on it. */
  notifier?: DbNotifier;
  db?: string;
  /** The live reads shared by every kind's replication of `db` (shared-reads.ts). */
  shared?: SharedLiveReads;
  /** Catch-up requests read ahead (default CATCH_UP_READ_AHEAD; bench:sync compares). */
  readAhead?: number;
  /** Pages per RxDB batch while catching up (default CATCH_UP_PAGES; bench:sync compares). */
  catchUpPages?: number;
  /** Ask a catch-up batch page by page, not in one request (as before; bench:sync compares). */
  catchUpInPages?: boolean;
  /** Ask for documents in RxDB's shape (kind-fetch.ts withRxShape; default true; bench:sync compares). */
  rxShape?: boolean;
}

/** How long a live pull waits for a notification before it asks anyway. */
export const LIVE_WAIT_MS = 60_000;

const docsOf = (page: ChangesPage) => page.results.map((r) => r.doc).filter((d): d is Record<string, unknown> => !!d);
const seqParam = (seq: unknown) => (typeof seq === 'string' ? seq : JSON.stringify(seq));

/**
 * A response whose json() hands back the already parsed page: RxDB only calls json() on a pull's
 * answer, and serialising a 1.5 MB page again only for it to be parsed again cost a tenth of the
 * client's time in an initial sync (profile, npm run bench:sync). The push's answers too: its
 * `_all_docs` of a day's 2,000 edits is ≈ 3 MB, read between that request and the `_bulk_docs`.
 */
function parsedResponse(body: unknown, status = 200): Response {
  const res = new Response(null, { status, headers: { 'content-type': 'application/json' } });
  Object.defineProperty(res, 'json', { value: async () => body });
  return res;
}

export interface BulkRow {
  id: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

/**
 * RxDB's CouchDB push throws (`SNH`) on any per-document error other than a conflict, and then
 * retries the same batch forever. A document the server refuses (validation, region rules) is
 * therefore taken out of the answer here, so RxDB counts it done, and handed to `onRejected`,
 * which records it with the server's reason; the document stays local for correction, its next
 * edit sends it again, and so does the next sync (resend-refused.ts).
 */
export function splitBulkAnswer(rows: BulkRow[]): { keep: BulkRow[]; rejected: BulkRow[]; accepted: string[] } {
  const keep: BulkRow[] = [];
  const rejected: BulkRow[] = [];
  const accepted: string[] = [];
  for (const r of rows) {
    if (r.error && r.error !== 'conflict') rejected.push(r);
    else {
      keep.push(r);
      if (!r.error) accepted.push(r.id);
    }
  }
  return { keep, rejected, accepted };
}

/** The fetch of one replication: `_changes` narrowed to the collection's kind (kind-fetch.ts). */
export function replicationFetch(base: typeof fetch, filter: KindFilter, hooks: ReplicationFetchHooks = {}): typeof fetch {
  const getJson = async (url: string): Promise<ChangesPage> => (await base(url)).json() as Promise<ChangesPage>;
  // Catching up (initial or end-of-day sync) reads the next batch's pages while RxDB stores the last.
  const getAhead = prefetchingPages(getJson, hooks.readAhead ?? CATCH_UP_READ_AHEAD);
  const empty = new EmptyRanges();
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const rawUrl = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method === 'GET' && /\/_changes\?/.test(rawUrl)) {
      const narrowed = withKindSelector(rawUrl, filter.type);
      const url = hooks.rxShape === false ? narrowed : withRxShape(narrowed);
      const u = new URL(url);
      const { notifier, db } = hooks;
      if (u.searchParams.get('feed') === 'longpoll' && notifier && db) {
        // Live pull: ask plainly; when nothing is new, wait for the shared stream to say `db`
        // changed (no connection held meanwhile), then ask again from where the answer ended.
        // Never a real long-poll: nine kinds × regions of them would take every connection.
        u.searchParams.set('feed', 'normal');
        u.searchParams.delete('heartbeat');
        // Every kind asks at the same wake-up: one read of the first page serves them all
        // (shared-reads.ts). Pages after a full one (a burst of changes) are read narrowed to the
        // kind as before, so a rare kind never downloads a burst of other kinds' documents.
        const liveGet = (version: number) => {
          let first = true;
          return (x: string) => {
            const shared = first && hooks.shared;
            first = false;
            return shared ? shared.read(x, version) : getJson(x);
          };
        };
        const v = notifier.version(db);
        let page = await readKindChanges(liveGet(v), u.toString(), filter, hooks.onChangesPage);
        if (page.results.length === 0) {
          await notifier.waitForChange(db, v, LIVE_WAIT_MS);
          u.searchParams.set('since', seqParam(page.last_seq));
          page = await readKindChanges(liveGet(notifier.version(db)), u.toString(), filter, hooks.onChangesPage);
        }
        hooks.onReceived?.(docsOf(page));
        return parsedResponse(page);
      }
      // Catching up: several pages of the kind become one RxDB batch (catch-up.ts), asked from
      // where the last empty answer ended when RxDB's checkpoint could not move (empty-ranges.ts).
      const since = u.searchParams.get('since') ?? '0';
      u.searchParams.set('since', empty.since(since));
      const asked = u.searchParams.get('since')!;
      const page = await readCatchingUp((next) => readKindChanges(getAhead, next, filter, hooks.onChangesPage), u.toString(), hooks.catchUpPages, hooks.catchUpInPages);
      empty.answered(since, asked, page.results.length, seqParam(page.last_seq));
      hooks.onReceived?.(docsOf(page));
      return parsedResponse(page);
    }
    const url = rawUrl;
    if (/\/_all_docs(\?|$)/.test(url)) {
      const res = await base(input, init);
      if (!res.ok) return res;
      const body = await res.json();
      return parsedResponse(withDeletedDocs(body, filter.type, regionOfUrl(url), await deletionClocks(base, url, body)), res.status);
    }
    if (method === 'POST' && /\/_bulk_docs(\?|$)/.test(url)) {
      const res = await base(input, init);
      const rows = (await res.json()) as BulkRow[];
      if (!Array.isArray(rows)) return new Response(JSON.stringify(rows), { status: res.status });
      const { keep, rejected, accepted } = splitBulkAnswer(rows);
      if (rejected.length) hooks.onRejected?.(rejected);
      if (accepted.length) hooks.onAccepted?.(accepted);
      return parsedResponse(keep, res.status);
    }
    return base(input, init);
  };
  return wrapped as typeof fetch;
}

/**
 * For npm run bench:sync-browser only (a profile with `regiodesk.bench` set, as benchHook.ts): the
 * replication states, so the bench can print where each one's push checkpoint stands.
 */
function exposeReplicationsForBench(replications: Replication[]): void {
  try {
    if (globalThis.localStorage?.getItem('regiodesk.bench') !== '1') return;
  } catch {
    return;
  }
  (globalThis as unknown as { __regiodeskReplications?: Replication[] }).__regiodeskReplications = replications;
}

/** Pulled documents move this device's clock past theirs (hlc.ts: a wrong clock cannot win forever). */
function receivingClocks<T extends Record<string, unknown>>(modifier: (doc: Record<string, unknown>) => T) {
  return (doc: Record<string, unknown>): T => {
    receiveClocks(doc);
    return modifier(doc);
  };
}

/** Every merge with a field both sides changed goes into the journal (conflict list, summary). */
function recordMerge(e: { local: Record<string, unknown>; remote: Record<string, unknown>; conflicts: import('../../shared').FieldConflict[] }): void {
  receiveClocks(e.remote);
  if (e.conflicts.length === 0) return;
  const at = new Date().toISOString();
  const docId = String(e.local.id ?? e.remote.id);
  const collection = String(e.local.type ?? e.remote.type ?? '');
  const other = typeof e.remote.updatedBy === 'string' ? e.remote.updatedBy : '';
  recordConflicts(e.conflicts.map((c) => ({ ...c, docId, collection, at, with: other })));
  countConflicts(e.conflicts.length);
}

/**
 * One live CouchDB replication per replicated collection and region the user has: each pulls the
 * region's documents of its kind and pushes only the documents it is responsible for.
 * Never awaited by the UI: the app works from local data and this catches up in the background.
 */
export function startSync(db: RegiodeskDatabase, server: string, regions: string[]): SyncHandle {
  const fetchFn = makeSyncFetch(server);
  const subs: Subscription[] = [];
  const activeNow = new Map<string, boolean>();
  let failedDuringCycle = false;
  let stopped = false;

  watchStorage(isDesktop());
  const notifier = new DbNotifier(fetchFn, server, regions.map(regionDbName), 2000, (c) => syncStatus.setState({ sharedStream: c })).start();
  const replications: Replication[] = [];
  const sharedReads = new Map(regions.map((code) => [code, new SharedLiveReads(async (url) => (await fetchFn(url)).json() as Promise<ChangesPage>)]));
  for (const { name, type, kind, collection } of replicatedCollections(db)) {
    // The pull's writes in id order, so the push's checkpoint covers them (fork-order.ts).
    orderDownstreamWrites(collection);
    // What any region's pull wrote is not pushed by another region's replication (pulled-states.ts).
    // With one region RxDB's own upstream already skips its pull's writes: no stamp, no extra read
    // of every pushed batch (the common case, and an end-of-day push of 2,000 edits).
    const severalRegions = regions.length > 1;
    if (severalRegions) markPulledWrites(collection);
    const filter: KindFilter = {
      type,
      async knownIds(ids) {
        const found = await collection.findByIds(ids).exec();
        return new Set(found.keys());
      },
    };
    for (const code of regions) {
      const key = `${name}/${code}`;
      const state = replicateCouchDB<any>({
        // The candidates' identifier predates other kinds: kept so existing checkpoints resume.
        replicationIdentifier: `regiodesk-${server}-${regionDbName(code)}${name === 'candidates' ? '' : `-${name}`}`,
        collection,
        url: `${server}/${regionDbName(code)}/`,
        live: true,
        retryTime: 5000,
        waitForLeadership: true,
        fetch: replicationFetch(fetchFn, filter, {
          ...refusalHooks(name, code),
          onChangesPage: (page) => pageRead(name, code, page.results.length, page.pending),
          onReceived: (docs) => countReceived(name, code, docs),
          notifier,
          db: regionDbName(code),
          shared: sharedReads.get(code),
        }),
        pull: { batchSize: PULL_BATCH_SIZE, modifier: receivingClocks(pullModifierFor(code, kind)) as any },
        push: { batchSize: PUSH_BATCH_SIZE, modifier: pushModifierFor(code, regions, kind) as any },
      });
      if (severalRegions) skipPulledStates(state, collection);
      subs.push(
        state.active$.subscribe((active) => {
          const was = [...activeNow.values()].some(Boolean);
          activeNow.set(key, active);
          const count = [...activeNow.values()].filter(Boolean).length;
          const patch: Partial<ReturnType<typeof syncStatus.getState>> = { active: count };
          if (!was && count > 0) cycleStarted();
          if (was && count === 0) {
            cycleEnded();
            if (!failedDuringCycle && syncStatus.getState().serverReachable !== false) {
              patch.lastSyncAt = new Date().toISOString();
            }
            failedDuringCycle = false;
          }
          syncStatus.setState(patch);
        }),
        state.error$.subscribe((err) => {
          failedDuringCycle = true;
          noteStorageError(err);
          if (import.meta.env.DEV) console.warn(`[sync ${key}]`, err);
        }),
        state.sent$.subscribe((doc) => {
          countSent();
          syncStatus.setState((s) => ({ pending: removePending(s.pending, String((doc as { id?: unknown }).id)) }));
        }),
      );
      replications.push({ collection: name, type, region: code, state });
    }
  }
  const states = replications.map((r) => r.state);
  // Refused documents go out again once per sync, when the replications are quiet (resend-refused.ts).
  const resender = new RefusedResender(replications);
  subs.push({ unsubscribe: resender.watch() } as Subscription);
  exposeReplicationsForBench(replications);
  // People erased on the server leave this laptop (features/privacy); its storage purge waits until pushes are done.
  void applyErasures(db, fetchFn, server, async () => {
    await Promise.all(states.map((s) => s.awaitInSync()));
  });
  subs.push({ unsubscribe: onMerge(recordMerge) } as Subscription);

  const reSync = () => {
    if (stopped) return;
    resender.syncAsked();
    for (const s of states) s.reSync();
  };
  const onOnline = () => reSync();
  window.addEventListener('online', onOnline);
  // The long-poll only notices a returning server when something changes; ask now and then.
  const timer = setInterval(() => {
    if (syncStatus.getState().serverReachable === false && navigator.onLine) reSync();
  }, 10_000);
  syncStatus.setState({ running: true, liveReplications: replications.length });

  return {
    notifier,
    states,
    replications,
    reSync,
    async stop() {
      stopped = true;
      notifier.stop();
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
      for (const s of subs) s.unsubscribe();
      await Promise.all(states.map((s) => s.cancel()));
      syncStatus.setState({ running: false, active: 0 });
    },
  };
}
