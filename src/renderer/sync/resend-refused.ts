import { createRevision, getComposedPrimaryKeyOfDocumentData, now, type RxCollection } from 'rxdb';
import type { RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { clearRejected, journal, recordRejected, type RejectedEntry } from './journal';
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
 * splitBulkAnswer), so RxDB counts it sent and remembers the refused state as the server's. An
 * unchanged document is then never offered again (a write of it equals that remembered state),
 * and a colleague's revision pulled meanwhile overwrites it (RxDB sees no local change). So once
 * the replications are quiet after a refusal, RxDB is made to forget what it believed the server
 * holds (the remembered state becomes a stub with the id only, equal to no document); re-offering
 * then writes the document unchanged, which RxDB's upstream sees as a change to push. The push goes the normal way: sent as it is when the
 * server has no copy, else through `_all_docs` and the conflict handler, which then merges
 * without a base (by field clocks, then `updatedAt`): the refused state is no state both sides
 * agreed on, and as a base it would hand every field without a clock to the server's copy.
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
 * Makes RxDB forget the state it took for the server's copy of each refused document: it becomes
 * a stub with the id only, equal to no document. RxDB then treats the document as a local change
 * not yet on the server, as it is: a colleague's revision pulled meanwhile no longer overwrites
 * it (RxDB keeps the local one for its push to merge), and the next push of it is not skipped.
 * Answers how many were forgotten.
 */
export function forgetServerState(targets: readonly ResendTarget[], entries: readonly RejectedEntry[]): Promise<number> {
  return eachTarget(targets, entries, async (t, ids) => {
    const meta = t.state.metaInstance!;
    const collection = t.state.collection as RxCollection;
    const key = collection.schema.primaryPath as string;
    const metaIds = ids.map((id) => getComposedPrimaryKeyOfDocumentData(meta.schema, { itemId: id, isCheckpoint: '0' }));
    const token = collection.database.token;
    // No meta row: RxDB remembers nothing of it, which is what this makes of the others.
    const rows = (await meta.findDocumentsById(metaIds, true)).map((previous) => {
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
  ) {}

  /** A sync was asked for: the next quiet moment re-offers. */
  syncAsked(): void {
    this.due = true;
  }

  /**
   * The replications are quiet: RxDB forgets the server state it assumed for documents refused
   * since the last time (forgetServerState), and when a sync was asked for since the last
   * re-offer, refused documents are offered again. Answers how many were offered.
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
