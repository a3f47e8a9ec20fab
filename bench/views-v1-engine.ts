/**
 * The view engine as it was before the column store (per-document WeakMap of string sort keys,
 * decorate-sort-undecorate): kept only so `npm run bench:views` can time it and weigh its heap
 * against the current engine in the same run. Not used by the app.
 */
import { fieldOf, VALUELESS, type Operator, type ViewFieldKey } from '../src/shared/views/fields';
import { foldText, phoneDigits } from '../src/shared/views/normalize';

/** One condition of the filter builder: field, operator, value. */
export interface FilterRule {
  field: ViewFieldKey;
  op: Operator;
  /** Text, a date (yyyy-mm-dd), a number of days, or a list of codes for `anyOf`. */
  value?: string | string[];
}

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

type Rec = Record<string, unknown> & { firstName?: unknown; lastName?: unknown };

/** Dutch name particles (tussenvoegsels): "de Vries" sorts under V, as in any Dutch register. */
const PARTICLES = /^(?:(?:van|de|den|der|het|ten|ter|te|in|op|aan|'t|von|la|le|du|d'|l')\s+)+/i;

function nameSortKey(r: Rec): string {
  const last = String(r.lastName ?? '').trim();
  const core = last.replace(PARTICLES, '') || last;
  return foldText(`${core}\u0001${String(r.firstName ?? '')}\u0001${last}`);
}

/** The raw value of a field: a string, a list of codes, or undefined. */
export function valueOf(r: Rec, field: ViewFieldKey): string | string[] | undefined {
  if (field === 'name') return `${String(r.firstName ?? '')} ${String(r.lastName ?? '')}`.trim();
  const v = r[field];
  if (Array.isArray(v)) return v as string[];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/*
 * Sort keys are computed once per document version and field and kept in a WeakMap: documents
 * from the local store are immutable objects, so a changed document is a new key and the old
 * entry goes with the old object. This keeps a 100,000-row sort to plain string comparisons.
 */
const keyCache = new WeakMap<object, Map<string, string>>();

const orderCache = new Map<string, Map<string, number>>();
function codeOrder(field: ViewFieldKey): Map<string, number> {
  let m = orderCache.get(field);
  if (!m) {
    m = new Map((fieldOf(field)?.terms ?? []).map((t, i) => [t.code, i]));
    orderCache.set(field, m);
  }
  return m;
}

function computeKey(r: Rec, field: ViewFieldKey): string {
  if (field === 'name') return nameSortKey(r);
  const kind = fieldOf(field)?.kind ?? 'text';
  const v = valueOf(r, field);
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return '\uffff';
  if (kind === 'code' || kind === 'codes') {
    const first = Array.isArray(v) ? v[0]! : v;
    const i = codeOrder(field).get(first);
    return i === undefined ? foldText(first) : String(i).padStart(4, '0');
  }
  if (kind === 'date') return String(v);
  return foldText(Array.isArray(v) ? v.join(' ') : v);
}

export function sortKeyOf(r: Rec, field: ViewFieldKey): string {
  let m = keyCache.get(r);
  if (!m) {
    m = new Map();
    keyCache.set(r, m);
  }
  let k = m.get(field);
  if (k === undefined) {
    k = computeKey(r, field);
    m.set(field, k);
  }
  return k;
}

const DAY = 86_400_000;

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A compiled predicate for one rule; the rule's value is folded once, not per row. */
function compileRule(rule: FilterRule, now: number): (r: Rec) => boolean {
  const field = fieldOf(rule.field);
  if (!field) return () => true;
  const raw = rule.value;
  if (!VALUELESS.includes(rule.op) && (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0))) {
    return () => true; // an unfinished rule filters nothing
  }
  const needle = typeof raw === 'string' ? (rule.field === 'phone' ? phoneDigits(raw) : foldText(raw.trim())) : '';
  const wanted = new Set(asList(raw));
  const text = (r: Rec): string => {
    const v = valueOf(r, rule.field);
    if (v === undefined) return '';
    const s = Array.isArray(v) ? v.join(' ') : v;
    return rule.field === 'phone' ? phoneDigits(s) : foldText(s);
  };
  const isEmpty = (r: Rec) => asList(valueOf(r, rule.field)).length === 0;
  switch (rule.op) {
    case 'empty':
      return isEmpty;
    case 'notEmpty':
      return (r) => !isEmpty(r);
    case 'contains':
      return (r) => text(r).includes(needle);
    case 'notContains':
      return (r) => !text(r).includes(needle);
    case 'startsWith':
      return (r) => text(r).startsWith(needle);
    case 'is':
      return field.kind === 'text' ? (r) => text(r) === needle : (r) => asList(valueOf(r, rule.field)).some((c) => wanted.has(c));
    case 'isNot':
      return field.kind === 'text' ? (r) => text(r) !== needle : (r) => !asList(valueOf(r, rule.field)).some((c) => wanted.has(c));
    case 'anyOf':
    case 'includes':
      return (r) => asList(valueOf(r, rule.field)).some((c) => wanted.has(c));
    case 'excludes':
      return (r) => !asList(valueOf(r, rule.field)).some((c) => wanted.has(c));
    case 'before': {
      const d = String(raw);
      return (r) => {
        const v = valueOf(r, rule.field);
        return typeof v === 'string' && v.slice(0, 10) < d;
      };
    }
    case 'after': {
      const d = String(raw);
      return (r) => {
        const v = valueOf(r, rule.field);
        return typeof v === 'string' && v.slice(0, 10) > d;
      };
    }
    case 'withinDays':
    case 'olderThanDays': {
      const days = Number(raw);
      if (!Number.isFinite(days)) return () => true;
      const edge = new Date(now - days * DAY).toISOString();
      return rule.op === 'withinDays'
        ? (r) => {
            const v = valueOf(r, rule.field);
            return typeof v === 'string' && v >= edge;
          }
        : (r) => {
            const v = valueOf(r, rule.field);
            return typeof v === 'string' && v < edge;
          };
    }
    default:
      return () => true;
  }
}

/** The filter builder's rules as one predicate (and: all rules hold; or: at least one). */
export function compileFilter(filter: FilterSpec, now = Date.now()): (r: Rec) => boolean {
  const preds = filter.rules.map((rule) => compileRule(rule, now));
  if (preds.length === 0) return () => true;
  if (filter.combinator === 'or') return (r) => preds.some((p) => p(r));
  return (r) => preds.every((p) => p(r));
}

/** Sorts on several keys; stable, so equal rows keep their order. Returns a new array. */
export function sortRows<T extends object>(rows: readonly T[], sort: readonly SortKey[]): T[] {
  const keys = sort.length > 0 ? sort : [{ field: 'name', dir: 'asc' } as SortKey];
  // Decorate once: each row's keys in an array, then compare plain strings.
  const decorated = rows.map((r, i) => ({ r, i, k: keys.map((s) => sortKeyOf(r as Rec, s.field)) }));
  decorated.sort((a, b) => {
    for (let j = 0; j < keys.length; j++) {
      const x = a.k[j]!;
      const y = b.k[j]!;
      if (x !== y) return (x < y ? -1 : 1) * (keys[j]!.dir === 'desc' ? -1 : 1);
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.r);
}

export interface Group<T> {
  /** The group's value (a code, a text) or '' for "none". */
  key: string;
  count: number;
  rows: T[];
}

/**
 * Groups rows by a field. A row with several codes (sectors) appears in each of their groups;
 * a row without a value goes to the group ''. Coded groups keep the taxonomy's order, others
 * are alphabetical; '' comes last.
 */
export function groupRows<T extends object>(rows: readonly T[], field: ViewFieldKey): Group<T>[] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const v = valueOf(r as Rec, field);
    const ks = v === undefined ? [''] : Array.isArray(v) ? (v.length ? v : ['']) : [v];
    for (const k of ks) {
      let g = map.get(k);
      if (!g) map.set(k, (g = []));
      g.push(r);
    }
  }
  const order = codeOrder(field);
  const rank = (k: string) => (k === '' ? '\uffff' : order.has(k) ? String(order.get(k)).padStart(4, '0') : foldText(k));
  return [...map.entries()]
    .map(([key, rs]) => ({ key, count: rs.length, rows: rs }))
    .sort((a, b) => (rank(a.key) < rank(b.key) ? -1 : rank(a.key) > rank(b.key) ? 1 : 0));
}

export interface ViewResult<T> {
  /** Rows after phases and filter, sorted. */
  rows: T[];
  /** Groups of those rows (each sorted), or null when not grouped. */
  groups: Group<T>[] | null;
}

/** Phases, then the filter, then sort, then group: what the table and the board show. */
export function applyView<T extends object>(all: readonly T[], spec: ViewSpec, now = Date.now()): ViewResult<T> {
  const phases = spec.phases.length ? new Set(spec.phases) : null;
  const pred = compileFilter(spec.filter, now);
  const filtered = all.filter((r) => (!phases || phases.has(String((r as Rec).phase))) && pred(r as Rec));
  const rows = sortRows(filtered, spec.sort);
  return { rows, groups: spec.groupBy ? groupRows(rows, spec.groupBy) : null };
}

/** Counts per value of a field, e.g. candidates per phase for the tabs. */
export function countBy<T extends object>(rows: readonly T[], field: ViewFieldKey): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    for (const k of asList(valueOf(r as Rec, field))) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
