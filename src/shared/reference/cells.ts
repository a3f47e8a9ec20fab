import { normalizePostcode } from '../domain/normalize';
import { POSTCODE } from '../domain/fields';
import type { Sector } from '../taxonomy';

/** Cell normalisation shared by the reference formats. Each returns null for a bad value. */

/** `31-12-2024`, `2024-12-31`, `20241231` → `2024-12-31`. */
export function referenceDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  let y: string, mo: string, d: string;
  if (m) [, y, mo, d] = m as unknown as [string, string, string, string];
  else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    y = m[3]!;
    mo = m[2]!.padStart(2, '0');
    d = m[1]!.padStart(2, '0');
  } else return null;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

/** `1234ab` → `1234 AB`; '' stays absent; anything else is bad. */
export function referencePostcode(raw: string): string | undefined | null {
  if (raw === '') return undefined;
  const p = normalizePostcode(raw);
  return POSTCODE.test(p) ? p : null;
}

/** DUO writes place names in capitals (`ENSCHEDE`); shown as `Enschede`, `'S-GRAVENHAGE` as `'s-Gravenhage`. */
export function placeName(raw: string): string {
  if (raw === '' || raw !== raw.toUpperCase()) return raw;
  return raw
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/^'S-/i, "'s-");
}

const SECTOR_WORDS: Record<string, Sector> = {
  PO: 'po', BO: 'po', BAO: 'po', BASISONDERWIJS: 'po', PRIMAIRONDERWIJS: 'po',
  SO: 'so', SBO: 'so', SBAO: 'so', VSO: 'so', SPECIAALONDERWIJS: 'so', SPECIAALBASISONDERWIJS: 'so', WEC: 'so',
  VO: 'vo', VOORTGEZETONDERWIJS: 'vo',
  PRO: 'pro', PRAKTIJKONDERWIJS: 'pro',
  MBO: 'mbo', BVE: 'mbo',
  HO: 'ho', HBO: 'ho', WO: 'ho', HOGERONDERWIJS: 'ho',
};

/** Sector codes from a cell like `PO`, `Sbo`, `vo, pro` or `Voortgezet onderwijs`; null when a part is unknown. */
export function sectorsOf(raw: string): Sector[] | null {
  const parts = raw.split(/[,/|+]/).map((p) => p.toUpperCase().replace(/[^A-Z]/g, '')).filter(Boolean);
  const out: Sector[] = [];
  for (const p of parts) {
    const s = SECTOR_WORDS[p];
    if (!s) return null;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** `www.school.nl` → `https://www.school.nl`; kept as given when it already has a scheme. */
export function website(raw: string): string | undefined {
  if (raw === '') return undefined;
  return /^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw.replace(/^\/+/, '')}`;
}
