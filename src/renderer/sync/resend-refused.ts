import { createRevision, getComposedPrimaryKeyOfDocumentData, now, type RxCollection } from 'rxdb';
import type { RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { clearRejected, journal, recordRejected, type RejectedEntry } from './journal';
import { sameState } from '../db/conflict';
import { countRejected } from './progress';
import { syncStatus, type SyncStatusState } from './status';

/**
 * Documents the server refused go out again by themselves once per sync, not only with their
 * next edit. A refusal is often fixed on the server's side: a client updated before the server
 * sends field clocks the old server's schema refuses until it is updated; a note pushed before
 * its candidate was linked to the region is refused until the link is made. The user should not
 * have to find and touch each such document.
 *
 * Why RxDB needs help: the push takes a refused row out of the server's answer (replication.ts,
 * splitBulkAnswer), so RxDB counts it sent and would remember the refused state as the server's.
 * An unchanged document would then never be offered again (a write of it equals that remembered
 * state), a colleague's revision pulled meanwhile would overwrite it (RxDB sees no local change),
 * and a resend that meets the server's copy would be merged against a state the server never
 * had. So RxDB's own record of a refused push (its meta write) keeps what it remembered before
 * the push: the last state both sides agreed on (keepAgreedState), or, for a document never on
 * the server, a stub with the id only, equal to no document. It is kept where RxDB keeps every
 * server state, in the replication's meta rows (IndexedDB, sealed like the documents), so it
 * survives a reload as the refusal does. Re-offering writes the document unchanged, which RxDB's
 * upstream sees as a change to push; the push goes the normal way: sent as it is when the server
 * has no copy or still holds the agreed state, else through `_all_docs` and the conflict handler,
 * which merges three-way against the agreed state: only a field changed on both sides since is a
 * conflict (without a base every differing field was one).
 */

/** Refused documents re-offered at most per sync: a long list never becomes one huge push. */
export const RESEND_MAX = 200;

const CONTEXT = 'regiodesk-resend-refused';

/** One replication (collection × region) whose refused documents can be offered again. */
export interface ResendTarget {
  collection: string;
  region: string;
  state: RxCouchDBReplicationState<any>;
}

/** The replication hooks that record refusals in the journal and clear them when accepted. */
export function refusalHooks(collection: string, region: string) {
  return {
    onRejected(rows: { id: string; error?: string; reason?: string }[]) {
      const at = new Date().toISOString();
      countRejected(rows.length);
      for (const r of rows) recordRejected({ docId: r.id, collection, region, error: r.error ?? 'error', reason: r.reason ?? '', at });
    },
    onAccepted: (ids: string[]) => clearRejected(ids),
  };
}

type Doc = Record<string, unknown>;
interface MetaRow {
  itemId: string;
  docData: Doc;
}
type MetaWrite = { previous?: MetaRow; document: MetaRow };
interface MetaStore {
  bulkWrite(rows: MetaWrite[], context: string): Promise<unknown>;
}
interface PushHandler {
  handler(rows: unknown[]): Promise<unknown[]>;
}

/** RxDB's context of the meta write that records a push as done (rxdb replication-protocol/upstream.js). */
export const UP_META_CONTEXT = 'replication-up-write-meta';

const kept = new WeakSet<object>();

/**
 * Makes RxDB's record of a refused push keep the server state it assumed before the push (the
 * meta row's previous `docData`: the last state both sides agreed on) instead of the refused
 * state; a stub with the id only when it assumed none (the document was never on the server). A
 * refusal that repeats keeps what the first one kept. The meta instance exists from the
 * replication's start on: it is wrapped at the first push, before that push's meta write.
 */
export function keepAgreedState(target: ResendTarget): void {
  const push = (target.state as unknown as { push?: PushHandler }).push;
  if (!push || kept.has(push)) return;
  kept.add(push);
  const send = push.handler.bind(push);
  push.handler = (rows) => {
    const meta = target.state.metaInstance as unknown as MetaStore | undefined;
    if (meta && !kept.has(meta)) {
      kept.add(meta);
      const write = meta.bulkWrite.bind(meta);
      meta.bulkWrite = (metaRows, context) => write(context === UP_META_CONTEXT ? agreedForRefused(target, metaRows) : metaRows, context);
    }
    return send(rows);
  };
}

/** The meta rows of a push with each refused document's row keeping the state agreed before it. */
function agreedForRefused(target: ResendTarget, rows: MetaWrite[]): MetaWrite[] {
  // Refused in this push: a document pushed and accepted left the list before this write.
  const refused = new Set<string>();
  for (const e of journal.getState().rejected) if (e.collection === target.collection && e.region === target.region) refused.add(e.docId);
  if (refused.size === 0) return rows;
  const key = (target.state.collection as RxCollection).schema.primaryPath as string;
  return rows.map((row) => {
    if (!refused.has(row.document.itemId)) return row;
    const agreed = row.previous?.docData ?? { [key]: row.document.itemId };
    return { ...row, document: { ...row.document, docData: agreed } };
  });
}

/** Each started replication of `targets` with its documents among `entries`. */
async function eachTarget(targets: readonly ResendTarget[], entries: readonly RejectedEntry[], fn: (t: ResendTarget, ids: string[]) => Promise<number>): Promise<number> {
  let n = 0;
  for (const t of targets) {
    const ids = entries.filter((e) => e.collection === t.collection && e.region === t.region).map((e) => e.docId);
    if (ids.length === 0 || !t.state.metaInstance || !t.state.internalReplicationState || t.state.isStopped()) continue;
    n += await fn(t, ids);
  }
  return n;
}

/**
 * Makes RxDB forget a refused state it took for the server's copy: where its meta row holds the
 * document as it is on this laptop (a refusal recorded before keepAgreedState, or a refused push
 * of a state equal to the one it assumed), it becomes a stub with the id only, equal to no
 * document. RxDB then treats the document as a local change not yet on the server, as it is: a
 * colleague's revision pulled meanwhile no longer overwrites it (RxDB keeps the local one for its
 * push to merge), and the next push of it is not skipped. A row holding the agreed state is left
 * as it is. Answers how many were forgotten.
 */
export function forgetServerState(targets: readonly ResendTarget[], entries: readonly RejectedEntry[]): Promise<number> {
  return eachTarget(targets, entries, async (t, ids) => {
    const meta = t.state.metaInstance!;
    const collection = t.state.collection as RxCollection;
    const key = collection.schema.primaryPath as string;
    const metaIds = ids.map((id) => getComposedPrimaryKeyOfDocumentData(meta.schema, { itemId: id, isCheckpoint: '0' }));
    const token = collection.database.token;
    const [stored, local] = await Promise.all([meta.findDocumentsById(metaIds, true), collection.storageInstance.findDocumentsById(ids, true)]);
    const here = new Map(local.map((d) => [String((d as Doc)[key]), d as Doc]));
    // No meta row: RxDB remembers nothing of it, which is what this makes of the others.
    const rows = stored
      .filter((previous) => {
        const doc = here.get(previous.itemId);
        return !doc || sameState(previous.docData as Doc, doc);
      })
      .map((previous) => {
        const { isResolvedConflict: _resolved, ...rest } = previous;
        const document = { ...rest, docData: { [key]: previous.itemId } as typeof previous.docData, _meta: { ...previous._meta, lwt: now() }, _rev: createRevision(token, previous) };
        return { previous, document };
      });
    if (rows.length === 0) return 0;
    const written = await meta.bulkWrite(rows, CONTEXT);
    return rows.length - written.error.length;
  });
}

/**
 * Offers `entries` to the server again through their replications; answers how many were
 * offered. A replication that has not started (no leadership yet) or has stopped is skipped; a
 * document gone from this laptop stays listed as refused (there is nothing to send).
 */
export async function offerAgain(targets: readonly ResendTarget[], entries: readonly RejectedEntry[]): Promise<number> {
  await forgetServerState(targets, entries);
  return eachTarget(targets, entries, async (t, ids) => {
    const fork = (t.state.collection as RxCollection).storageInstance;
    const docs = await fork.findDocumentsById(ids, true);
    if (docs.length === 0) return 0;
    // A write of the same body: RxDB's upstream sees a change and pushes it. An edit made in the
    // meantime fails this write (409) and is pushed as an edit anyway.
    const written = await fork.bulkWrite(docs.map((d) => ({ previous: d, document: d })), CONTEXT);
    return docs.length - written.error.length;
  });
}

type Offer = (targets: readonly ResendTarget[], entries: readonly RejectedEntry[]) => Promise<number>;

/**
 * When to re-offer: once after each sync was asked for (the start, the `Synchroniseren` button,
 * the browser back online, the server reachable again, the shared change stream reconnected,
 * which it does after the server restarted, e.g. updated), when the replications have gone quiet
 * and the server answers; at most `max` documents, the longest refused first; a document only
 * when it was refused again since it was last offered, so two triggers of one sync never send it
 * twice. A refusal that persists stays listed with the server's (new) reason.
 */
export class RefusedResender {
  private due = true;
  private running = false;
  private readonly offered = new Map<string, string>();
  private readonly forgotten = new Map<string, string>();

  constructor(
    private readonly targets: readonly ResendTarget[],
    private readonly max = RESEND_MAX,
    private readonly offer: Offer = offerAgain,
    private readonly forget: Offer = forgetServerState,
  ) {
    for (const t of targets) keepAgreedState(t);
  }

  /** A sync was asked for: the next quiet moment re-offers. */
  syncAsked(): void {
    this.due = true;
  }

  /**
   * The replications are quiet: RxDB forgets a refused state it took for the server's, of
   * documents refused since the last time (forgetServerState), and when a sync was asked for
   * since the last re-offer, refused documents are offered again. Answers how many were offered.
   */
  async quiet(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const rejected = journal.getState().rejected;
      const fresh = rejected.filter((e) => (this.forgotten.get(e.docId) ?? '') < e.at);
      if (fresh.length) {
        for (const e of fresh) this.forgotten.set(e.docId, e.at);
        await this.forget(this.targets, fresh);
      }
      if (!this.due || syncStatus.getState().serverReachable === false) return 0;
      this.due = false;
      const entries = rejected
        .filter((e) => (this.offered.get(e.docId) ?? '') < e.at)
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
        .slice(0, this.max);
      if (entries.length === 0) return 0;
      const at = new Date().toISOString();
      for (const e of entries) this.offered.set(e.docId, at);
      return await this.offer(this.targets, entries);
    } catch {
      return 0; // storage closing (logout) or busy: the next sync tries again
    } finally {
      this.running = false;
    }
  }

  /** Follows the sync status: reconnections ask for a sync, the end of activity re-offers. */
  watch(status = syncStatus): () => void {
    return status.subscribe((s: SyncStatusState, before: SyncStatusState) => {
      const back = (k: 'serverReachable' | 'sharedStream' | 'browserOnline') => s[k] === true && before[k] === false;
      if (back('serverReachable') || back('sharedStream') || back('browserOnline')) this.syncAsked();
      if (s.active === 0 && before.active > 0) void this.quiet();
    });
  }
}
