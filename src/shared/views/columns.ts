import type { ViewFieldKey } from './fields';
import type { ValueTest } from './rules';
import { keyOfValue, nameSortKey, textOf, valueOf, type FieldValue, type Rec } from './values';

/*
 * The view engine's column store. Each document object the engine sees gets a slot (a small
 * integer, kept in a WeakMap: documents from the local store are immutable, so a changed document
 * is a new object with a new slot and an unchanged one keeps its slot across new arrays). A column
 * holds, per slot, the id of the document's value among the column's distinct values; filters run
 * once per distinct value and sorts compare integer ranks of those values. So a view over 100,000
 * rows touches typed arrays, not strings, and one changed document costs one new slot and one
 * value, never a rebuild.
 *
 * Slots of document versions that are gone are not reused; when the slots outnumber twice the
 * largest set seen, the whole store starts afresh (a one-off rebuild, like the first view).
 */

const UNSET = -1;
/** Filter results per distinct value: 0 not yet known, 1 fails, 2 passes. */
export const FAILS = 1;
export const PASSES = 2;
const CACHED_TESTS = 24;
/** Above this many new values a full sort of the distinct keys beats inserting them one by one. */
const INSERT_LIMIT = 256;

type Reader = (r: Rec) => FieldValue;

export class Column {
  /** Value id per slot, UNSET until the slot's document has been read. */
  ids: Int32Array;
  /** The distinct values, by id. */
  readonly values: FieldValue[] = [];
  private readonly byString = new Map<string, number>();
  private readonly byList = new Map<string, number>();
  private undefinedId = UNSET;
  private folded: string[] | null = null;
  private sortKeys: string[] | null = null;
  /** Value ids in sort-key order, the rank of each id, and how many ids they cover. */
  private sorted: number[] = [];
  private rank = new Int32Array(0);
  private ranked = 0;
  /** Number of distinct ranks (equal sort keys share one). */
  span = 0;
  private readonly tests = new Map<string, Uint8Array>();
  /** Slot arrays whose documents have all been read (a view over the same array skips the scan). */
  private readonly filled = new WeakSet<Int32Array>();

  constructor(
    readonly field: ViewFieldKey,
    private readonly read: Reader,
    private readonly keyOf: (v: FieldValue) => string,
    capacity: number,
  ) {
    this.ids = new Int32Array(capacity).fill(UNSET);
  }

  grow(capacity: number): void {
    if (this.ids.length >= capacity) return;
    const next = new Int32Array(capacity).fill(UNSET);
    next.set(this.ids);
    this.ids = next;
  }

  private intern(v: FieldValue): number {
    let id: number | undefined;
    if (v === undefined) {
      if (this.undefinedId === UNSET) this.undefinedId = this.add(v);
      return this.undefinedId;
    }
    if (typeof v === 'string') {
      id = this.byString.get(v);
      if (id === undefined) this.byString.set(v, (id = this.add(v)));
      return id;
    }
    const k = JSON.stringify(v);
    id = this.byList.get(k);
    if (id === undefined) this.byList.set(k, (id = this.add(v)));
    return id;
  }

  private add(v: FieldValue): number {
    this.values.push(v);
    return this.values.length - 1;
  }

  /** Reads the value of every document in `docs` whose slot has none yet. */
  fill(docs: readonly object[], slots: Int32Array): void {
    if (this.filled.has(slots)) return;
    this.filled.add(slots);
    const ids = this.ids;
    for (let i = 0; i < docs.length; i++) {
      const s = slots[i]!;
      if (ids[s] === UNSET) ids[s] = this.intern(this.read(docs[i] as Rec));
    }
  }

  private text(id: number): string {
    const f = (this.folded ??= []);
    while (f.length <= id) f.push(textOf(this.field, this.values[f.length]));
    return f[id]!;
  }

  /**
   * The rank of every value id: ids follow their sort keys' order (plain string comparison, as
   * the keys are built for), equal keys share a rank. New values since the last call are put in
   * place one by one when there are few, so one changed document does not re-sort 100,000 keys.
   */
  ranks(): Int32Array {
    const n = this.values.length;
    if (this.ranked === n) return this.rank;
    const keys = (this.sortKeys ??= []);
    while (keys.length < n) keys.push(this.keyOf(this.values[keys.length]));
    const cmp = (a: number, b: number) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0);
    if (this.ranked === 0 || n - this.ranked > INSERT_LIMIT) {
      this.sorted = Array.from({ length: n }, (_, i) => i).sort(cmp);
    } else {
      for (let id = this.ranked; id < n; id++) {
        let lo = 0;
        let hi = this.sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cmp(this.sorted[mid]!, id) <= 0) lo = mid + 1;
          else hi = mid;
        }
        this.sorted.splice(lo, 0, id);
      }
    }
    const rank = new Int32Array(n);
    let r = -1;
    let prev = '';
    for (const id of this.sorted) {
      if (r < 0 || keys[id] !== prev) {
        r++;
        prev = keys[id]!;
      }
      rank[id] = r;
    }
    this.rank = rank;
    this.span = r + 1;
    this.ranked = n;
    return rank;
  }

  /**
   * Results of a test per value id (FAILS/PASSES, 0 = not yet run: call `run`). Kept for the
   * last few tests, so switching between views or typing a filter value again costs nothing.
   */
  results(test: ValueTest): Uint8Array {
    const n = this.values.length;
    if (test.cacheKey === null) return new Uint8Array(n);
    let r = this.tests.get(test.cacheKey);
    if (r) this.tests.delete(test.cacheKey);
    if (!r || r.length < n) {
      const next = new Uint8Array(Math.max(n, 16));
      if (r) next.set(r);
      r = next;
    }
    this.tests.set(test.cacheKey, r);
    if (this.tests.size > CACHED_TESTS) this.tests.delete(this.tests.keys().next().value!);
    return r;
  }

  run(test: ValueTest, id: number): number {
    const v = this.values[id];
    return test.test(v, test.text ? this.text(id) : '') ? PASSES : FAILS;
  }
}

class Store {
  readonly slotOf = new WeakMap<object, number>();
  size = 0;
  capacity = 1024;
  readonly columns = new Map<string, Column>();
  readonly slotsOfSet = new WeakMap<readonly object[], Int32Array>();
}

let store = new Store();
let largest = 0;

/**
 * The slot of each document of `docs`, in order. Arrays are taken as immutable (as React state
 * is): the slots of an array are kept for as long as the array lives.
 */
export function slotsOf(docs: readonly object[]): Int32Array {
  if (docs.length > largest) largest = docs.length;
  if (store.size > 2 * largest + 4096) store = new Store();
  const known = store.slotsOfSet.get(docs);
  if (known && known.length === docs.length) return known;
  const slots = new Int32Array(docs.length);
  const { slotOf } = store;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    let s = slotOf.get(d);
    if (s === undefined) {
      s = store.size++;
      slotOf.set(d, s);
    }
    slots[i] = s;
  }
  if (store.size > store.capacity) {
    store.capacity = Math.max(store.size, store.capacity * 2);
    for (const c of store.columns.values()) c.grow(store.capacity);
  }
  store.slotsOfSet.set(docs, slots);
  return slots;
}

/** The field's values, as filters and groups read them. */
export function valueColumn(field: ViewFieldKey, docs: readonly object[], slots: Int32Array): Column {
  return column(`v:${field}`, field, (r) => valueOf(r, field), (v) => keyOfValue(field, v), docs, slots);
}

/** What a row sorts by on a field: the value's key, or for names the Dutch register key. */
export function sortColumn(field: ViewFieldKey, docs: readonly object[], slots: Int32Array): Column {
  if (field !== 'name') return valueColumn(field, docs, slots);
  return column('s:name', field, nameSortKey, (v) => v as string, docs, slots);
}

/** The phase as the phase tabs compare it (String of whatever is stored). */
export function phaseColumn(docs: readonly object[], slots: Int32Array): Column {
  return column('p:phase', 'phase', (r) => String(r.phase), (v) => v as string, docs, slots);
}

function column(name: string, field: ViewFieldKey, read: Reader, keyOf: (v: FieldValue) => string, docs: readonly object[], slots: Int32Array): Column {
  let c = store.columns.get(name);
  if (!c) store.columns.set(name, (c = new Column(field, read, keyOf, store.capacity)));
  c.fill(docs, slots);
  return c;
}

/** For tests: how many slots and distinct values the store holds now. */
export function storeStats(): { slots: number; columns: Record<string, number> } {
  return { slots: store.size, columns: Object.fromEntries([...store.columns].map(([k, c]) => [k, c.values.length])) };
}
