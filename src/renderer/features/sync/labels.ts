import type { TFunction } from 'i18next';

/** A value as a person reads it in a conflict line. */
export function showValue(v: unknown, t: TFunction): string {
  if (v === undefined || v === null || v === '') return t('sync.empty');
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ') : t('sync.empty');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A field's label from the candidate form when there is one, else its name. */
export function fieldLabel(field: string, t: TFunction): string {
  const key = `form.${field}`;
  const label = t(key);
  return label === key ? field : label;
}

export function kindLabel(kind: string, t: TFunction): string {
  const key = `sync.kinds.${kind}`;
  const label = t(key);
  return label === key ? kind : label;
}
