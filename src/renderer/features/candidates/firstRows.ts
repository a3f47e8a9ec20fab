import type { ViewSpec } from '../../../shared';
import { browserStore, type KeyValueStore } from '../../app/session';

/**
 * The ids of the first rows the list showed last time, per database, with the view they belong
 * to. At a cold start the list reads just these by primary key and shows them while the rest of
 * the store loads; when the full set arrives the same rows are on top, so nothing jumps. Ids
 * only: no personal data is kept outside the (encrypted) store.
 */
export const FIRST_ROWS = 100;
const KEY = 'regiodesk.firstRows.';

export function viewKey(region: string, tab: string, spec: ViewSpec): string {
  return JSON.stringify([region, tab, spec.mode, spec.filter, spec.sort, spec.groupBy]);
}

export function readFirstRows(dbName: string, key: string, store: KeyValueStore = browserStore('local')): string[] | null {
  try {
    const saved = JSON.parse(store.getItem(KEY + dbName) ?? 'null') as { key?: unknown; ids?: unknown } | null;
    if (!saved || saved.key !== key || !Array.isArray(saved.ids)) return null;
    return saved.ids.filter((x): x is string => typeof x === 'string').slice(0, FIRST_ROWS);
  } catch {
    return null;
  }
}

let lastWritten = '';

export function rememberFirstRows(dbName: string, key: string, ids: readonly string[], store: KeyValueStore = browserStore('local')): void {
  const value = JSON.stringify({ key, ids: ids.slice(0, FIRST_ROWS) });
  if (value === lastWritten) return;
  lastWritten = value;
  try {
    store.setItem(KEY + dbName, value);
  } catch {
    // Storage full or blocked: the next cold start just uses the indexed first page.
  }
}
