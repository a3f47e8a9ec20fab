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
}

const watches = new WeakMap<StoreDb, Watch>();

function watchOf(db: StoreDb): Watch {
  let w = watches.get(db);
  if (!w) {
    const watch: Watch = { generation: 0, inflight: new Map() };
    db.subscribe(() => {
      watch.generation++;
      watch.inflight.clear(); // later requests must read again; running ones finish for their callers
    });
    watches.set(db, watch);
    w = watch;
  }
  return w;
}

/** The number of change notices so far: compare two of them to know whether a write happened between. */
export function generationOf(db: StoreDb): number {
  return watchOf(db).generation;
}

/** Runs `read`, or joins the same read (`key`) already running in this generation. */
export function coalesced<T>(db: StoreDb, key: string, read: () => Promise<T>): Promise<T> {
  const w = watchOf(db);
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
