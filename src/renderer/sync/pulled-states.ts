import { deepEqual, getHeightOfRevision, type RxCollection } from 'rxdb';
import type { RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { DOWNSTREAM_CONTEXT_PREFIX } from './fork-order';

type Doc = Record<string, unknown>;
interface PushRow {
  newDocumentState: Doc | null;
  assumedMasterState?: Doc;
}

/**
 * A user with several regions has one replication per region on the same collection (startSync).
 * RxDB's upstream (push) ignores only its *own* pull's writes to the local store: a document that
 * region A's pull wrote looks to region B's push like a local edit. When B is the region that
 * sends it (pushModifierFor: its home region) and B has not pulled it yet, B's push asked the
 * server for it (`_all_docs`, full bodies), sent an empty `_bulk_docs`, and resolved the
 * "conflict" (multiregion.test.ts: a supervisor's initial sync of twente and utrecht with 200
 * linked candidates homed in utrecht, 3 `_all_docs` of 202 ids though nothing was edited); when
 * B had an older version, it sent A's version to B as a new revision, which the server's fan-out
 * brings there anyway.
 *
 * A local state that is exactly what a pull wrote (markPulledWrites: `_meta.pulled` is the revision
 * height of the pull's write; a local edit or a resolved conflict raises the height) is a server's
 * state: nothing of this device to send. Such rows are taken out before the push asks anything;
 * their `newDocumentState` becomes null as a push modifier's null does, so RxDB records them as
 * replicated (its meta record, which B's own pull relies on) and does not count them as sent. A
 * row whose state differs from the stored one (edited since the upstream read it) goes out.
 */
export function skipPulledStates(state: RxCouchDBReplicationState<any>, collection: RxCollection): void {
  const push = (state as unknown as { push?: { handler(rows: PushRow[]): Promise<unknown[]> } }).push;
  if (!push) return;
  const send = push.handler.bind(push);
  const primary = collection.schema.primaryPath as string;
  const instance = collection.storageInstance as unknown as { findDocumentsById(ids: string[], withDeleted: boolean): Promise<Doc[]> };
  push.handler = async (rows) => {
    const ids = rows.map((r) => String(r.newDocumentState?.[primary]));
    const stored = new Map<string, Doc>();
    for (const d of await instance.findDocumentsById(ids, true)) {
      const meta = d._meta as { pulled?: number } | undefined;
      if (typeof meta?.pulled === 'number' && typeof d._rev === 'string' && meta.pulled === getHeightOfRevision(d._rev)) stored.set(String(d[primary]), d);
    }
    if (stored.size === 0) return send(rows);
    const out: PushRow[] = [];
    for (const row of rows) {
      const doc = row.newDocumentState;
      const pulled = doc ? stored.get(String(doc[primary])) : undefined;
      if (doc && pulled && deepEqual(docState(pulled), doc)) row.newDocumentState = null;
      else out.push(row);
    }
    return out.length > 0 ? send(out) : [];
  };
}

/** The stored document as RxDB hands it to the push (writeDocToDocState): without `_meta`, `_rev`, `_attachments`. */
function docState(d: Doc): Doc {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = d;
  return rest;
}

const marked = new WeakSet<object>();

/**
 * Every pull's write (context `replication-downstream-…`, any region's) stamps its documents'
 * `_meta.pulled` with the revision height they are stored with. RxDB's own mark (`_meta.o`) does
 * not survive a first write: the collection's storage wrapper replaces an inserted document's
 * `_meta` with `{ lwt }`. So the stamp is set below that wrapper, on the storage itself, where
 * the revision is final. A local edit keeps the stamp and raises the height: it no longer matches.
 */
export function markPulledWrites(collection: RxCollection): void {
  type Row = { document: Doc };
  const wrapper = collection.storageInstance as unknown as { originalStorageInstance?: { bulkWrite(rows: Row[], context: string): Promise<unknown> } };
  const storage = wrapper.originalStorageInstance;
  if (!storage || marked.has(storage)) return;
  marked.add(storage);
  const write = storage.bulkWrite.bind(storage);
  storage.bulkWrite = (rows, context) => {
    if (typeof context === 'string' && context.startsWith(DOWNSTREAM_CONTEXT_PREFIX)) {
      for (const row of rows) {
        const d = row.document;
        if (typeof d._rev === 'string') d._meta = { ...(d._meta as Doc), pulled: getHeightOfRevision(d._rev) };
      }
    }
    return write(rows, context);
  };
}
