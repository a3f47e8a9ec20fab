/**
 * Input normalisation before validation: what people type at a fair is messy, what we store is
 * not. Pure functions, used by every intake path (form, import, website) on client and server.
 */
export function normalizePostcode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const m = /^([1-9][0-9]{3})([A-Z]{2})$/.exec(compact);
  return m ? `${m[1]} ${m[2]}` : raw.trim();
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function normalizePhone(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

/** Drops keys whose value is an empty string or undefined, so optional fields stay absent. */
export function dropEmpty<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = v;
  }
  return out as Partial<T>;
}
