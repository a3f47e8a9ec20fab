import { create } from 'zustand';
import { defaultSpec, FIELD_KEYS, type ViewFieldKey, type ViewSpec } from '../../../shared';
import { browserStore } from '../../app/session';

/**
 * The list's working view (filters, sort, grouping, columns, table or board), the search query
 * and the selection. The view is kept per user on this device, so it is there after a restart;
 * saved views (features/views) copy it into a synced document.
 */
export interface ViewState {
  spec: ViewSpec;
  query: string;
  selected: ReadonlySet<string>;
  /** The saved view the spec came from, if any. */
  savedViewId: string | null;
}

const store = browserStore('local');
const KEY = 'regiodesk.view.';

function isKey(k: unknown): k is ViewFieldKey {
  return typeof k === 'string' && (FIELD_KEYS as string[]).includes(k);
}

/** Reads a spec from anywhere (storage, a synced saved view), dropping what is not understood. */
export function coerceSpec(raw: unknown): ViewSpec {
  const d = defaultSpec();
  if (!raw || typeof raw !== 'object') return d;
  const r = raw as Partial<ViewSpec>;
  return {
    phases: Array.isArray(r.phases) ? r.phases.filter((p): p is string => typeof p === 'string') : d.phases,
    filter:
      r.filter && Array.isArray(r.filter.rules)
        ? {
            combinator: r.filter.combinator === 'or' ? 'or' : 'and',
            rules: r.filter.rules.filter((x) => x && isKey(x.field) && typeof x.op === 'string').slice(0, 20),
          }
        : d.filter,
    sort: Array.isArray(r.sort) ? r.sort.filter((s) => s && isKey(s.field)).map((s) => ({ field: s.field, dir: s.dir === 'desc' ? 'desc' : 'asc' })) : d.sort,
    groupBy: isKey(r.groupBy) ? r.groupBy : null,
    columns: Array.isArray(r.columns) && r.columns.some(isKey) ? r.columns.filter(isKey) : d.columns,
    mode: r.mode === 'board' ? 'board' : 'table',
  };
}

export const useView = create<ViewState>(() => ({
  spec: defaultSpec(),
  query: '',
  selected: new Set(),
  savedViewId: null,
}));

let owner: string | null = null;

/** Loads the user's last view on this device (call when the session's user is known). */
export function loadViewFor(user: string): void {
  if (owner === user) return;
  owner = user;
  let raw: unknown = null;
  try {
    raw = JSON.parse(store.getItem(KEY + user) ?? 'null');
  } catch {
    raw = null;
  }
  useView.setState({ spec: coerceSpec(raw), selected: new Set(), query: '', savedViewId: null });
}

export function setSpec(patch: Partial<ViewSpec>, savedViewId: string | null = useView.getState().savedViewId): void {
  const spec = { ...useView.getState().spec, ...patch };
  useView.setState({ spec, savedViewId });
  if (owner) store.setItem(KEY + owner, JSON.stringify(spec));
}

export function setQuery(query: string): void {
  useView.setState({ query });
}

/*
 * The ids in the order the list shows them: the file's next/previous follow it. Kept outside the
 * store on purpose: nothing renders from it, so setting it never causes a render.
 */
let currentOrder: readonly string[] = [];

export function setOrder(order: readonly string[]): void {
  currentOrder = order;
}

export function getOrder(): readonly string[] {
  return currentOrder;
}

export function toggleSelected(id: string, on: boolean): void {
  const next = new Set(useView.getState().selected);
  if (on) next.add(id);
  else next.delete(id);
  useView.setState({ selected: next });
}

export function setSelected(ids: Iterable<string>): void {
  useView.setState({ selected: new Set(ids) });
}

/* A candidate the list should scroll into view once (e.g. the one just registered). */
let toReveal: string | null = null;

export function revealInList(id: string): void {
  toReveal = id;
}

export function takeReveal(): string | null {
  const id = toReveal;
  toReveal = null;
  return id;
}
