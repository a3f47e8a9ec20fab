/**
 * The view engine written plainly, for the tests only: a per-row filter, an Array.sort on the
 * sort keys' strings, groups through a Map. Slow and obviously right; the column store must give
 * exactly the same rows and groups.
 */
import { fieldOf, type ViewFieldKey } from './fields';
import { foldText, phoneDigits } from './normalize';
import type { FilterRule, Group, SortKey, ViewSpec } from './engine';

type Rec = Record<string, any>;

function value(r: Rec, field: ViewFieldKey): string | string[] | undefined {
  if (field === 'name') return `${String(r.firstName ?? '')} ${String(r.lastName ?? '')}`.trim();
  const v = r[field];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' && v !== '' ? v : undefined;
}
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (field: ViewFieldKey, v: string | string[] | undefined) => {
  if (v === undefined) return '';
  const s = Array.isArray(v) ? v.join(' ') : v;
  return field === 'phone' ? phoneDigits(s) : foldText(s);
};

function passes(r: Rec, rule: FilterRule, now: number): boolean {
  const f = fieldOf(rule.field);
  const raw = rule.value;
  if (!f) return true;
  if (rule.op !== 'empty' && rule.op !== 'notEmpty' && (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0))) return true;
  const v = value(r, rule.field);
  const t = text(rule.field, v);
  const needle = typeof raw === 'string' ? (rule.field === 'phone' ? phoneDigits(raw) : foldText(raw.trim())) : '';
  const hit = list(v).some((c) => list(raw).includes(c));
  switch (rule.op) {
    case 'empty': return list(v).length === 0;
    case 'notEmpty': return list(v).length > 0;
    case 'contains': return t.includes(needle);
    case 'notContains': return !t.includes(needle);
    case 'startsWith': return t.startsWith(needle);
    case 'is': return f.kind === 'text' ? t === needle : hit;
    case 'isNot': return f.kind === 'text' ? t !== needle : !hit;
    case 'anyOf': case 'includes': return hit;
    case 'excludes': return !hit;
    case 'before': return typeof v === 'string' && v.slice(0, 10) < String(raw);
    case 'after': return typeof v === 'string' && v.slice(0, 10) > String(raw);
    case 'withinDays': case 'olderThanDays': {
      const days = Number(raw);
      if (!Number.isFinite(days)) return true;
      const edge = new Date(now - days * 86_400_000).toISOString();
      return typeof v === 'string' && (rule.op === 'withinDays' ? v >= edge : v < edge);
    }
    default: return true;
  }
}

const PARTICLES = /^(?:(?:van|de|den|der|het|ten|ter|te|in|op|aan|'t|von|la|le|du|d'|l')\s+)+/i;
const pos = (field: ViewFieldKey, code: string) => (fieldOf(field)?.terms ?? []).findIndex((t) => t.code === code);

export function refSortKey(r: Rec, field: ViewFieldKey): string {
  if (field === 'name') {
    const last = String(r.lastName ?? '').trim();
    return foldText(`${last.replace(PARTICLES, '') || last}\u0001${String(r.firstName ?? '')}\u0001${last}`);
  }
  const v = value(r, field);
  if (list(v).length === 0) return '\uffff';
  const kind = fieldOf(field)?.kind;
  if (kind === 'code' || kind === 'codes') {
    const first = list(v)[0]!;
    return pos(field, first) < 0 ? foldText(first) : String(pos(field, first)).padStart(4, '0');
  }
  if (kind === 'date') return String(v);
  return foldText(list(v).join(' '));
}

export function refSort<T extends object>(rows: readonly T[], sort: readonly SortKey[]): T[] {
  const keys = sort.length ? sort : [{ field: 'name', dir: 'asc' } as SortKey];
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      for (const k of keys) {
        const x = refSortKey(a.r as Rec, k.field);
        const y = refSortKey(b.r as Rec, k.field);
        if (x !== y) return (x < y ? -1 : 1) * (k.dir === 'desc' ? -1 : 1);
      }
      return a.i - b.i;
    })
    .map((d) => d.r);
}

export function refGroup<T extends object>(rows: readonly T[], field: ViewFieldKey): Group<T>[] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const v = value(r as Rec, field);
    const ks = v === undefined ? [''] : Array.isArray(v) ? (v.length ? v : ['']) : [v];
    for (const k of ks) map.set(k, [...(map.get(k) ?? []), r]);
  }
  const rank = (k: string) => (k === '' ? '\uffff' : pos(field, k) >= 0 ? String(pos(field, k)).padStart(4, '0') : foldText(k));
  return [...map].map(([key, rs]) => ({ key, count: rs.length, rows: rs })).sort((a, b) => (rank(a.key) < rank(b.key) ? -1 : rank(a.key) > rank(b.key) ? 1 : 0));
}

export function refView<T extends object>(all: readonly T[], spec: ViewSpec, now: number): { rows: T[]; groups: Group<T>[] | null } {
  const kept = all.filter((r) => {
    if (spec.phases.length && !spec.phases.includes(String((r as Rec).phase))) return false;
    const res = spec.filter.rules.map((rule) => passes(r as Rec, rule, now));
    if (res.length === 0) return true;
    return spec.filter.combinator === 'or' ? res.some(Boolean) : res.every(Boolean);
  });
  const rows = refSort(kept, spec.sort);
  return { rows, groups: spec.groupBy ? refGroup(rows, spec.groupBy) : null };
}
