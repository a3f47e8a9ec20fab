import type { ViewFieldKey } from './fields';
import { FAILS, PASSES, phaseColumn, slotsOf, sortColumn, valueColumn, type Column } from './columns';
import { compileValueTest, type FilterRule, type ValueTest } from './rules';
import { asList, groupRank, textOf, valueOf, type Rec } from './values';

export type { FilterRule } from './rules';
export { sortKeyOf, valueOf } from './values';

export interface FilterSpec {
  combinator: 'and' | 'or';
  rules: FilterRule[];
}

export interface SortKey {
  field: ViewFieldKey;
  dir: 'asc' | 'desc';
}

/** Everything a (saved) view holds; plain JSON so it can be stored and synced. */
export interface ViewSpec {
  /** Phases shown; empty means every phase. */
  phases: string[];
  filter: FilterSpec;
  sort: SortKey[];
  groupBy: ViewFieldKey | null;
  columns: ViewFieldKey[];
  mode: 'table' | 'board';
}

export const DEFAULT_COLUMNS: ViewFieldKey[] = ['name', 'phase', 'place', 'sectors', 'owner', 'updatedAt'];

export function defaultSpec(phases: string[] = []): ViewSpec {
  return {
    phases,
    filter: { combinator: 'and', rules: [] },
    sort: [{ field: 'name', dir: 'asc' }],
    groupBy: null,
    columns: [...DEFAULT_COLUMNS],
    mode: 'table',
  };
}

/** The filter builder's rules as one predicate over a row (and: all rules hold; or: at least one). */
export function compileFilter(filter: FilterSpec, now = Date.now()): (r: Rec) => boolean {
  const preds = filter.rules.flatMap((rule) => {
    const t = compileValueTest(rule, now);
    if (!t) return [];
    return [(r: Rec) => {
      const v = valueOf(r, rule.field);
      return t.test(v, t.text ? textOf(rule.field, v) : '');
    }];
  });
  // An unfinished rule counts as passing: with "or" it lets every row through.
  if (preds.length < filter.rules.length && filter.combinator === 'or') return () => true;
  if (preds.length === 0) return () => true;
  if (filter.combinator === 'or') return (r) => preds.some((p) => p(r));
  return (r) => preds.every((p) => p(r));
}

/**
 * Positions (in `docs`) of the rows that pass the phases and the filter, in order. Each rule's
 * test runs once per distinct value of its field and is then read per row from a byte array.
 */
function filterPositions(docs: readonly object[], slots: Int32Array, phases: readonly string[], filter: FilterSpec, now: number): Int32Array {
  const n = docs.length;
  let phaseOk: Uint8Array | null = null;
  let phaseIds: Int32Array | null = null;
  if (phases.length) {
    const col = phaseColumn(docs, slots);
    const wanted = new Set(phases);
    phaseOk = Uint8Array.from(col.values, (v) => (wanted.has(v as string) ? 1 : 0));
    phaseIds = col.ids;
  }
  const tests: { col: Column; test: ValueTest; res: Uint8Array }[] = [];
  let unfinished = false;
  for (const rule of filter.rules) {
    const test = compileValueTest(rule, now);
    if (!test) {
      unfinished = true;
      continue;
    }
    const col = valueColumn(rule.field, docs, slots);
    tests.push({ col, test, res: col.results(test) });
  }
  const or = filter.combinator === 'or';
  // An unfinished rule passes every row: "or" then lets everything through, "and" ignores it.
  if (or && unfinished) tests.length = 0;
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (phaseOk && !phaseOk[phaseIds![s]!]) continue;
    let ok = !or || tests.length === 0;
    for (let j = 0; j < tests.length; j++) {
      const { col, test, res } = tests[j]!;
      const id = col.ids[s]!;
      let r = res[id]!;
      if (r === 0) r = res[id] = col.run(test, id);
      if (or ? r === PASSES : r === FAILS) {
        ok = or;
        break;
      }
    }
    if (ok) out[m++] = i;
  }
  return out.subarray(0, m);
}

/**
 * Sorts positions on several keys, stable: a counting sort per key on the key's integer ranks,
 * last key first (LSD), so ties keep the order of `positions`.
 */
function sortPositions(docs: readonly object[], slots: Int32Array, positions: Int32Array, sort: readonly SortKey[]): Int32Array {
  const keys = sort.length > 0 ? sort : [{ field: 'name', dir: 'asc' } as SortKey];
  let order: Int32Array = positions;
  const m = order.length;
  if (m < 2) return order;
  // Scratch buffers, reused between views: the result is read at once by the caller.
  const rankOfRow = scratch(0, m);
  let next: Int32Array = scratch(1, m);
  for (let j = keys.length - 1; j >= 0; j--) {
    const key = keys[j]!;
    const col = sortColumn(key.field, docs, slots);
    const rank = col.ranks();
    const span = col.span;
    const ids = col.ids;
    const desc = key.dir === 'desc';
    const counts = new Int32Array(span + 1);
    for (let i = 0; i < m; i++) {
      const r = rank[ids[slots[order[i]!]!]!]!;
      const k = desc ? span - 1 - r : r;
      rankOfRow[i] = k;
      counts[k + 1]!++;
    }
    for (let k = 1; k <= span; k++) counts[k]! += counts[k - 1]!;
    for (let i = 0; i < m; i++) next[counts[rankOfRow[i]!]!++] = order[i]!;
    const done = next;
    next = order === positions ? scratch(2, m) : order;
    order = done;
  }
  return order;
}

const buffers: Int32Array[] = [];
function scratch(i: number, m: number): Int32Array {
  let b = buffers[i];
  if (!b || b.length < m) b = buffers[i] = new Int32Array(Math.max(m, 1024));
  return b.subarray(0, m);
}

function rowsAt<T>(docs: readonly T[], order: Int32Array): T[] {
  const rows = new Array<T>(order.length);
  for (let i = 0; i < order.length; i++) rows[i] = docs[order[i]!]!;
  return rows;
}

/** Sorts on several keys; stable, so equal rows keep their order. Returns a new array. */
export function sortRows<T extends object>(rows: readonly T[], sort: readonly SortKey[]): T[] {
  const slots = slotsOf(rows);
  const order = sortPositions(rows, slots, Int32Array.from({ length: rows.length }, (_, i) => i), sort);
  return rowsAt(rows, order);
}

export interface Group<T> {
  /** The group's value (a code, a text) or '' for "none". */
  key: string;
  count: number;
  rows: T[];
}

/** The groups of rows `order` (positions in `docs`, in row order). */
function groupPositions<T extends object>(docs: readonly T[], slots: Int32Array, order: Int32Array, field: ViewFieldKey): Group<T>[] {
  const col = valueColumn(field, docs, slots);
  const index = new Map<string, number>();
  const list: Group<T>[] = [];
  // The groups (indexes in `list`) of each distinct value, worked out when the value first shows up.
  const groupsOfValue: (number[] | undefined)[] = new Array(col.values.length);
  const ids = col.ids;
  // Two passes: count each group's rows, then fill arrays of that size (no growing 100,000-row arrays).
  for (let i = 0; i < order.length; i++) {
    const id = ids[slots[order[i]!]!]!;
    let gs = groupsOfValue[id];
    if (!gs) {
      const v = col.values[id];
      const ks = v === undefined ? [''] : Array.isArray(v) ? (v.length ? v : ['']) : [v];
      gs = groupsOfValue[id] = ks.map((k) => {
        let g = index.get(k);
        if (g === undefined) {
          index.set(k, (g = list.length));
          list.push({ key: k, count: 0, rows: [] });
        }
        return g;
      });
    }
    for (let k = 0; k < gs.length; k++) list[gs[k]!]!.count++;
  }
  const rowsOf = list.map((g) => (g.rows = new Array<T>(g.count)));
  const filled = new Int32Array(list.length);
  for (let i = 0; i < order.length; i++) {
    const p = order[i]!;
    const gs = groupsOfValue[ids[slots[p]!]!]!;
    for (let k = 0; k < gs.length; k++) {
      const g = gs[k]!;
      rowsOf[g]![filled[g]!++] = docs[p]!;
    }
  }
  const found = index;
  const rankOf = new Map([...found.keys()].map((k) => [k, groupRank(field, k)]));
  const rank = (k: string) => rankOf.get(k)!;
  return list.sort((a, b) => (rank(a.key) < rank(b.key) ? -1 : rank(a.key) > rank(b.key) ? 1 : 0));
}

/**
 * Groups rows by a field. A row with several codes (sectors) appears in each of their groups;
 * a row without a value goes to the group ''. Coded groups keep the taxonomy's order, others
 * are alphabetical; '' comes last.
 */
export function groupRows<T extends object>(rows: readonly T[], field: ViewFieldKey): Group<T>[] {
  return groupPositions(rows, slotsOf(rows), Int32Array.from({ length: rows.length }, (_, i) => i), field);
}

export interface ViewResult<T> {
  /** Rows after phases and filter, sorted. */
  rows: T[];
  /** Groups of those rows (each sorted), or null when not grouped. */
  groups: Group<T>[] | null;
}

/** Phases, then the filter, then sort, then group: what the table and the board show. */
export function applyView<T extends object>(all: readonly T[], spec: ViewSpec, now = Date.now()): ViewResult<T> {
  const slots = slotsOf(all);
  const kept = filterPositions(all, slots, spec.phases, spec.filter, now);
  const order = sortPositions(all, slots, kept, spec.sort);
  const rows = rowsAt(all, order);
  return { rows, groups: spec.groupBy ? groupPositions(all, slots, order, spec.groupBy) : null };
}

/** Counts per value of a field, e.g. candidates per phase for the tabs. */
export function countBy<T extends object>(rows: readonly T[], field: ViewFieldKey): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    for (const k of asList(valueOf(r as Rec, field))) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
