/**
 * A faster way for RxDB's Dexie storage to store documents that are new: the storage's own
 * `bulkWrite` first reads every written id back (`bulkGet`) to find conflicts, then puts. For a
 * bulk of inserts (no `previous`, none deleted) this path instead adds them with IndexedDB's
 * `add` in one transaction of its own on Dexie's connection: `add` refuses an id that is already stored, so nothing stored is ever
 * overwritten, and one refusal aborts the whole transaction, so nothing of the bulk is written.
 * Then the storage's own `bulkWrite` runs as before and reports each row (409 for a taken id,
 * the others written). The change event is the one the storage itself emits for an insert into
 * an empty map of stored documents (RxDB's `categorizeBulkWriteRows`), on the same stream, so
 * the collection, other tabs and the replication see the same.
 *
 * bench:import: the existence read was 7–9 % of the page's work during a 50,000-row import, plus
 * IndexedDB's work for 60,000 gets in the browser process.
 */
import { categorizeBulkWriteRows, type BulkWriteRow, type RxStorageBulkWriteResponse, type RxStorageInstance } from 'rxdb';
import { fromStorageToDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';

/**
 * How often each way was taken (tests read it: a test of this path must be able to fail), and a
 * switch for bench:import, which writes the same documents with the path on and off in one page.
 */
export const freshInserts = { enabled: true, added: 0, fellBack: 0 };

/** Whether any key at any depth starts with `|`, which the Dexie storage renames before storing. */
function hasPipeKey(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasPipeKey(v)) return true;
    return false;
  }
  for (const key in value as Record<string, unknown>) {
    if (key.charCodeAt(0) === 124 || hasPipeKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * What the Dexie storage stores for a document: its own conversion (`fromStorageToDexie`) copies
 * every object of the document to rename `|` keys, and field clocks make a candidate a few dozen
 * objects. A document without such keys only needs the copy of its top level with its boolean
 * index fields (always `_deleted`) as '1'/'0', which is what that conversion then yields too.
 */
export function toDexie(booleanIndexes: string[], doc: Record<string, unknown>): unknown {
  if (hasPipeKey(doc) || booleanIndexes.some((path) => path.includes('.') || path.charCodeAt(0) === 124)) return fromStorageToDexie(booleanIndexes, doc as never);
  const out: Record<string, unknown> = { ...doc };
  for (const path of booleanIndexes) out[path] = doc[path] ? '1' : '0';
  return out;
}

/**
 * The adds in one IndexedDB transaction of Dexie's own connection, without Dexie: its bulk loop
 * gives every request its own error handler and runs through its middlewares (a tenth of the
 * page's work in the import's profile, beside the adds themselves). A refused add (a taken id) is
 * not handled, so IndexedDB aborts the transaction and nothing of it is stored.
 */
function addAll(idb: IDBDatabase, storeName: string, docs: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(storeName, 'readwrite');
    const store = tx.objectStore(storeName);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    try {
      for (const doc of docs) store.add(doc);
    } catch (e) {
      // A document IndexedDB cannot take (no key, not cloneable): none of the others stay either.
      tx.abort();
      reject(e);
    }
  });
}

/**
 * Adds the fresh-insert path to a Dexie storage instance. Any other storage, and an instance whose
 * `bulkWrite` someone has wrapped already (this path would go around that wrapper), is returned unchanged.
 */
export function withFreshInserts<T extends RxStorageInstance<any, any, any>>(instance: T): T {
  if (!(instance instanceof RxStorageInstanceDexie) || instance.schema.attachments || Object.hasOwn(instance, 'bulkWrite')) return instance;
  const dexie = instance as RxStorageInstanceDexie<any>;
  const own = dexie.bulkWrite.bind(dexie);
  const write = async (rows: BulkWriteRow<any>[], context: string): Promise<RxStorageBulkWriteResponse<any>> => {
    if (!freshInserts.enabled || dexie.closed || rows.length === 0 || rows.some((r) => r.previous || r.document._deleted || !r.document._rev)) return own(rows, context);
    const state = await dexie.internals;
    if (!state.dexieDb.isOpen()) return own(rows, context);
    try {
      const docs = rows.map((r) => toDexie(state.booleanIndexes, r.document as Record<string, unknown>));
      await addAll(state.dexieDb.backendDB(), state.dexieTable.name, docs);
    } catch {
      // An id is taken (or the add failed otherwise): nothing was written; the storage decides per row.
      freshInserts.fellBack++;
      return own(rows, context);
    }
    freshInserts.added++;
    const { eventBulk, newestRow } = categorizeBulkWriteRows(dexie, dexie.primaryPath as never, new Map(), rows, context);
    if (eventBulk.events.length > 0 && newestRow) {
      eventBulk.checkpoint = { id: newestRow.document[dexie.primaryPath], lwt: newestRow.document._meta.lwt };
      // The stream the storage emits its own writes on (private in RxDB's types, public at run time).
      (dexie as unknown as { changes$: { next: (bulk: typeof eventBulk) => void } }).changes$.next(eventBulk);
    }
    return { error: [] };
  };
  // One write at a time, in the order they were called. RxDB stamps `_meta.lwt` before it calls
  // the storage, and readers of the changes (the push's checkpoint, getChangedDocumentsSince)
  // assume writes land in that order. This path opens its transaction a few ticks sooner than the
  // storage's own (which awaits more first), so a later fresh insert could commit before an
  // earlier update: a reader between the two would step past the update's lwt and never push it.
  let tail: Promise<unknown> = Promise.resolve();
  dexie.bulkWrite = (rows: BulkWriteRow<any>[], context: string): Promise<RxStorageBulkWriteResponse<any>> => {
    const run = tail.then(() => write(rows, context));
    tail = run.catch(() => undefined);
    return run;
  };
  return instance;
}
