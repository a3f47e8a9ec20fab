import { regionOfDb } from '../../src/shared';
import type { BulkResult, Json, Store, StoreDb } from '../store/types';
import { currentActor } from './actor';
import type { AuditLog } from './audit';
import type { ErasedIds } from './erased-ids';

/** A region's writes that were answered before they reached the store, or undefined when there are none. */
export type ReadBarrier = (region: string) => Promise<void> | undefined;

const READS = new Set<PropertyKey>(['info', 'updateSeq', 'get', 'allDocs', 'changes', 'revsDiff', 'bulkGet']);
const barriersOf = new WeakMap<object, ReadBarrier[]>();

/**
 * Makes every read of a region database through `store` (an audited store) first wait for the
 * writes `barrier` names: the website intake answers once a submission is in its fsync'ed journal
 * and writes the store a few milliseconds later, and nobody — the app's replication, an export,
 * an erasure's search — should read the region without a submission answered before the read.
 * False when `store` is not an audited store (then the caller must answer after its store write).
 */
export function addReadBarrier(store: Store, barrier: ReadBarrier): boolean {
  const list = barriersOf.get(store);
  if (!list) return false;
  list.push(barrier);
  return true;
}

/**
 * The store as the routes see it: every write into a region database made on behalf of a user
 * (see actor.ts) adds one `changed` entry to that region's audit log with the user, the time and
 * the ids written — no field values. One entry per request keeps a 1,000-document push cheap,
 * and the log writes the entries of concurrent requests together (AuditLog's group commit).
 * A user's write of a document about an erased person is refused per document (403 in the bulk
 * answer, as CouchDB reports a validation failure), so a stale laptop cannot bring her back.
 */
export function auditedStore(store: Store, audit: AuditLog, erased: ErasedIds): Store {
  const barriers: ReadBarrier[] = [];
  const pendingWrites = (region: string): Promise<unknown> | undefined => {
    let waits: Promise<void>[] | undefined;
    for (const b of barriers) {
      const p = b(region);
      if (p) (waits ??= []).push(p);
    }
    return waits && (waits.length === 1 ? waits[0] : Promise.all(waits));
  };
  const wrap = (db: StoreDb): StoreDb => {
    const region = regionOfDb(db.name);
    if (region === null) return db;
    return new Proxy(db, {
      get(target, prop, receiver) {
        if (READS.has(prop)) {
          const read = Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>;
          return (...args: unknown[]) => {
            const wait = pendingWrites(region);
            return wait ? wait.then(() => read.apply(target, args)) : read.apply(target, args);
          };
        }
        if (prop === 'bulkDocs') {
          return async (docs: Json[], newEdits: boolean): Promise<BulkResult[]> => {
            const actor = currentActor();
            if (actor && erased.size > 0 && docs.some((d) => erased.covers(d))) {
              const allowed = docs.filter((d) => !erased.covers(d));
              const written = new Map((await target.bulkDocs(allowed, newEdits)).map((r) => [r.id, r]));
              const res = docs.map((d): BulkResult => written.get(String(d._id)) ?? { id: String(d._id), error: 'forbidden', reason: 'This person has been erased (AVG); documents about her are not accepted.' });
              const ids = [...written.values()].filter((r) => 'ok' in r && !r.id.startsWith('_local/')).map((r) => r.id);
              if (ids.length) await audit.append({ region, user: actor.user, action: 'changed', docIds: ids });
              return res;
            }
            const res = await target.bulkDocs(docs, newEdits);
            const ids = res.filter((r) => 'ok' in r && !r.id.startsWith('_local/')).map((r) => r.id);
            if (actor && ids.length) await audit.append({ region, user: actor.user, action: 'changed', docIds: ids });
            return res;
          };
        }
        if (prop === 'purge') {
          return async (docs: Record<string, string[]>) => {
            const res = await target.purge(docs);
            const actor = currentActor();
            const ids = Object.entries(res).filter(([, revs]) => revs.length > 0).map(([id]) => id);
            if (actor && ids.length) await audit.append({ region, user: actor.user, action: 'erased', docIds: ids, what: 'purge' });
            return res;
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  };
  const audited = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'open') return async (name: string) => {
        const db = await target.open(name);
        return db ? wrap(db) : db;
      };
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  barriersOf.set(audited, barriers);
  return audited;
}
