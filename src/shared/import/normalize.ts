import { normalizePhone, normalizePostcode } from '../domain/normalize';

/**
 * Value normalisation for imported cells: spreadsheets carry dates as `31-12-1990`, phones as
 * `+31 (0)6-1234 5678`, postcodes as `1234ab`, Airtable multiple selects as `a, b`.
 */

/** `31-12-1990`, `31/12/1990`, `31.12.1990`, `1990-12-31`, `31-12-90` → `1990-12-31`; null if not a date. */
export function parseDutchDate(raw: string, now = new Date()): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (match) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s))) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
    if (match[3]!.length === 2) {
      // Two-digit years: a birth date lies in the past, so `90` is 1990 and `05` is 2005.
      const century = now.getFullYear() % 100;
      y += y > century ? 1900 : 2000;
    }
  } else return null;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 31-02 and the like
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A phone as people type it, tidied to what the schema accepts: `+31 (0)6-1234 5678` → `+31 6 12345678`. */
export function normalizeImportPhone(raw: string): string {
  let s = raw.trim().replace(/\(0\)/g, '').replace(/[./]/g, ' ');
  s = s.replace(/^00(\d)/, '+$1');
  // Spreadsheets drop the leading zero of a number stored as a number: 612345678 → 0612345678.
  if (/^[1-9]\d{8}$/.test(s)) s = `0${s}`;
  return normalizePhone(s.replace(/\s*-\s*/g, '-'));
}

export function normalizeImportPostcode(raw: string): string {
  return normalizePostcode(raw);
}

/** An Airtable multiple select `a, b` (or `a; b`, or one per line) as a list of trimmed values. */
export function splitMulti(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const v = part.trim();
    if (v && v !== '-' && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * Splits a full Dutch name: the first word is the first name, the rest (with particles such as
 * `de`, `van der`) the last name. `Erik de Prater` → `Erik` / `de Prater`. One word: last name only.
 */
export function splitName(raw: string): { firstName: string; lastName: string } {
  const words = raw.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: '', lastName: '' };
  if (words.length === 1) return { firstName: '', lastName: words[0]! };
  // "Van Dijk, Jan" is last name first.
  const comma = raw.indexOf(',');
  if (comma > 0) {
    const last = raw.slice(0, comma).trim();
    const first = raw.slice(comma + 1).trim();
    if (first && last) return { firstName: first, lastName: last };
  }
  return { firstName: words[0]!, lastName: words.slice(1).join(' ') };
}

/** Empty-looking cells Airtable and people use for "nothing". */
export function isBlank(raw: string | undefined | null): boolean {
  if (raw === undefined || raw === null) return true;
  const s = raw.trim();
  return s === '' || s === '-' || s === '—' || s.toLowerCase() === 'n.v.t.' || s.toLowerCase() === 'dd/mm/yyyy';
}

const YES = ['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x', 'akkoord', 'gegeven', 'checked', '✓', '✔'];
const NO = ['nee', 'n', 'no', 'false', 'onwaar', '0', 'niet gegeven', 'geen'];

/** A consent cell: true, false, or null when it says neither. */
export function parseYesNo(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (YES.includes(s)) return true;
  if (NO.includes(s)) return false;
  return null;
}
