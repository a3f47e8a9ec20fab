import type { StoreDb } from '../store/types';

/**
 * Identical reads of one database share one answer while the database has not changed since they
 * started. A write wakes every long-poll on the database at once: 500 live clients then asked
 * LevelDB the same `_changes` question 500 times; now the first asks and the others wait for it.
 *
 * Correctness rests on the generation: it counts the store's change notices, which come after a
 * write is committed. A read joins only a read of the same question that started in the same
 * generation, i.e. after every write this request could already have heard of.
 */
interface Watch {
  generation: number;
  inflight: Map<string, Promise<unknown>>;
  /** Parked long-polls: one store subscription per database serves them all (see onNextChange). */
  waiters: Set<() => void>;
  unsubscribe: () => void;
}

/**
 * One watch per server (`scope`: its Deps) and database name, not per StoreDb object: a store
 * may hand out a new wrapper per open() (the audited store does), and a watch per wrapper would
 * leave one subscription behind per request (a first version did: 500 live clients slowed down).
 */
const scopes = new WeakMap<object, Map<string, Watch>>();

function watchOf(scope: object, db: StoreDb): Watch {
  let byName = scopes.get(scope);
  if (!byName) scopes.set(scope, (byName = new Map()));
  let w = byName.get(db.name);
  if (!w) {
    const watch: Watch = { generation: 0, inflight: new Map(), waiters: new Set(), unsubscribe: () => undefined };
    watch.unsubscribe = db.subscribe(() => {
      watch.generation++;
      watch.inflight.clear(); // later requests must read again; running ones finish for their callers
      const woken = [...watch.waiters];
      watch.waiters.clear();
      for (const wake of woken) wake();
    });
    byName.set(db.name, watch);
    w = watch;
  }
  return w;
}

/** The number of change notices so far: compare two of them to know whether a write happened between. */
export function generationOf(scope: object, db: StoreDb): number {
  return watchOf(scope, db).generation;
}

/** Runs `read`, or joins the same read (`key`) already running in this generation. */
export function coalesced<T>(scope: object, db: StoreDb, key: string, read: () => Promise<T>): Promise<T> {
  const w = watchOf(scope, db);
  const hit = w.inflight.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const p = read();
  w.inflight.set(key, p);
  const drop = () => {
    if (w.inflight.get(key) === p) w.inflight.delete(key);
  };
  p.then(drop, drop);
  return p;
}

/**
 * Calls `wake` once at the next change notice of the database; returns the cancel function.
 * A parked long-poll costs one entry in a Set: 500 of them no longer hang 500 listeners on the
 * store's emitter (whose removal is a linear search each), and a write wakes them in one loop.
 */
export function onNextChange(scope: object, db: StoreDb, wake: () => void): () => void {
  const w = watchOf(scope, db);
  w.waiters.add(wake);
  return () => void w.waiters.delete(wake);
}

/** A database was deleted or created under this name: its next watch subscribes to the new one. */
export function forgetWatch(scope: object, name: string): void {
  const w = scopes.get(scope)?.get(name);
  if (!w) return;
  w.unsubscribe();
  scopes.get(scope)!.delete(name);
}
