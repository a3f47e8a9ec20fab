import { Hlc, stampFields } from '../../shared';
import { browserStore, type KeyValueStore } from '../app/session';

/**
 * This device's hybrid logical clock. Its node id is random per device and kept; its last value
 * is kept too, so a restart (or a wall clock set back) never issues an older clock.
 */
const NODE_KEY = 'regiodesk.hlc.node';
const LAST_KEY = 'regiodesk.hlc.last';

let store: KeyValueStore | null = null;
let clock: Hlc | null = null;

function kv(): KeyValueStore {
  store ??= browserStore('local');
  return store;
}

function nodeId(): string {
  let id = kv().getItem(NODE_KEY);
  if (!id) {
    id = Math.random().toString(36).slice(2, 12);
    try {
      kv().setItem(NODE_KEY, id);
    } catch {
      /* storage full: a fresh id next time is harmless */
    }
  }
  return id;
}

export function deviceClock(): Hlc {
  clock ??= new Hlc(nodeId(), Date.now, kv().getItem(LAST_KEY));
  return clock;
}

function persist(): void {
  try {
    kv().setItem(LAST_KEY, deviceClock().current());
  } catch {
    /* the clock still moves forward in memory */
  }
}

let persistQueued = false;

/**
 * Writes the last value once at the end of the current task, not once per tick: an import ticks
 * once per document, and a 50,000-row import spent seconds in localStorage.setItem (bench:import).
 */
function persistSoon(): void {
  if (persistQueued) return;
  persistQueued = true;
  queueMicrotask(() => {
    persistQueued = false;
    persist();
  });
}

/** A fresh clock for a local edit. */
export function tick(): string {
  const c = deviceClock().tick();
  persistSoon();
  return c;
}

/**
 * Takes in the clocks of a document from elsewhere, so our next edit is later than them. Every
 * value of the stored map, compact or full (field-clocks.ts): the default `*` is a clock too.
 */
export function receiveClocks(doc: Record<string, unknown>): void {
  const clocks = doc.fieldClocks;
  if (!clocks || typeof clocks !== 'object') return;
  const c = deviceClock();
  const before = c.current();
  for (const v of Object.values(clocks as Record<string, unknown>)) if (typeof v === 'string') c.receive(v);
  // Once per task, not per document: an initial sync moves the clock with nearly every pulled one.
  if (c.current() !== before) persistSoon();
}

/**
 * The one helper every local write goes through: stamps the fields `after` changes relative to
 * `before` (every field of a new document) with this device's clock.
 */
export function stampLocalWrite<T extends Record<string, unknown>>(before: Record<string, unknown> | undefined | null, after: T): T {
  return stampFields(before ?? undefined, after, tick);
}

/** For tests: a clean clock over the given store. */
export function resetDeviceClock(s: KeyValueStore | null = null): void {
  store = s;
  clock = null;
}

interface HookableCollection {
  schema: { jsonSchema: { properties: Record<string, unknown> } };
  preInsert(fn: (data: Record<string, unknown>) => void, parallel: boolean): void;
  preSave(fn: (data: Record<string, unknown>, old: Record<string, unknown>) => void, parallel: boolean): void;
  preRemove(fn: (data: Record<string, unknown>) => void, parallel: boolean): void;
}

/**
 * Stamps every local write of every collection whose schema has `fieldClocks`: RxDB runs these
 * hooks for inserts and for every document update (patch, modify, incrementalModify, upsert), but
 * not for documents written by replication, so only this device's own edits get its clock.
 */
export function installFieldClocks(collections: Record<string, unknown>): void {
  for (const c of Object.values(collections) as HookableCollection[]) {
    if (!c?.schema?.jsonSchema?.properties?.fieldClocks) continue;
    c.preInsert((data) => {
      const stamped = stampLocalWrite(undefined, data);
      if (stamped.fieldClocks) data.fieldClocks = stamped.fieldClocks;
    }, false);
    c.preSave((data, old) => {
      const stamped = stampLocalWrite(old, data);
      if (stamped.fieldClocks) data.fieldClocks = stamped.fieldClocks;
    }, false);
    // A deletion carries its own clock, so a later re-creation of the same id (an undo) wins
    // over it on every replica, and an earlier one loses (field-merge.ts, DELETED_CLOCK).
    c.preRemove((data) => {
      const stamped: Record<string, unknown> = stampLocalWrite({ ...data, _deleted: false }, { ...data, _deleted: true });
      if (stamped.fieldClocks) data.fieldClocks = stamped.fieldClocks;
    }, false);
  }
}
