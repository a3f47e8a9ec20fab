import { fieldOf, type ViewFieldKey } from './fields';
import { foldText, phoneDigits } from './normalize';

/** A document as the view engine reads it: plain data, never changed in place. */
export type Rec = Record<string, unknown> & { firstName?: unknown; lastName?: unknown };

/** What a field holds for the engine: a string, a list of codes, or nothing. */
export type FieldValue = string | string[] | undefined;

/** The raw value of a field: a string, a list of codes, or undefined. */
export function valueOf(r: Rec, field: ViewFieldKey): FieldValue {
  if (field === 'name') return `${String(r.firstName ?? '')} ${String(r.lastName ?? '')}`.trim();
  const v = r[field];
  if (Array.isArray(v)) return v as string[];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function asList(v: FieldValue): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The text a text operator (contains, is, starts with…) compares: folded, phone numbers as digits. */
export function textOf(field: ViewFieldKey, v: FieldValue): string {
  if (v === undefined) return '';
  const s = Array.isArray(v) ? v.join(' ') : v;
  return field === 'phone' ? phoneDigits(s) : foldText(s);
}

/** Dutch name particles (tussenvoegsels): "de Vries" sorts under V, as in any Dutch register. */
const PARTICLES = /^(?:(?:van|de|den|der|het|ten|ter|te|in|op|aan|'t|von|la|le|du|d'|l')\s+)+/i;

export function nameSortKey(r: Rec): string {
  const last = String(r.lastName ?? '').trim();
  const core = last.replace(PARTICLES, '') || last;
  return foldText(`${core}\u0001${String(r.firstName ?? '')}\u0001${last}`);
}

/** The sort key meaning "no value": above every real key, so empty rows sort last (ascending). */
export const EMPTY_KEY = '\uffff';

const orderCache = new Map<string, Map<string, number>>();
/** A coded field's taxonomy order: code → position. */
export function codeOrder(field: ViewFieldKey): Map<string, number> {
  let m = orderCache.get(field);
  if (!m) {
    m = new Map((fieldOf(field)?.terms ?? []).map((t, i) => [t.code, i]));
    orderCache.set(field, m);
  }
  return m;
}

/**
 * The sort key of a (non-name) field's value. Keys compare as plain strings (code units): codes
 * by their taxonomy position, dates as ISO text, text folded; nothing last.
 */
export function keyOfValue(field: ViewFieldKey, v: FieldValue): string {
  const kind = fieldOf(field)?.kind ?? 'text';
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return EMPTY_KEY;
  if (kind === 'code' || kind === 'codes') {
    const first = Array.isArray(v) ? v[0]! : v;
    const i = codeOrder(field).get(first);
    return i === undefined ? foldText(first) : String(i).padStart(4, '0');
  }
  if (kind === 'date') return String(v);
  return foldText(Array.isArray(v) ? v.join(' ') : v);
}

/** The string a row sorts by on a field (the engine compares ranks of these). */
export function sortKeyOf(r: Rec, field: ViewFieldKey): string {
  return field === 'name' ? nameSortKey(r) : keyOfValue(field, valueOf(r, field));
}

/** Where a group sorts: '' (no value) last, coded groups in taxonomy order, others folded. */
export function groupRank(field: ViewFieldKey, key: string): string {
  if (key === '') return EMPTY_KEY;
  const i = codeOrder(field).get(key);
  return i !== undefined ? String(i).padStart(4, '0') : foldText(key);
}
