import { labelOf, PHASES, SECTORS, type Locale, type Term } from '../../../shared';

/**
 * Intl formatters, made once per locale and style: making one costs far more than formatting
 * with it, and the table formats dates in every row it brings into sight while scrolling.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, style: 'time' | 'dateTime' | 'longDate'): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
    f = new Intl.DateTimeFormat(
      tag,
      style === 'time' ? { timeStyle: 'short' } : style === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long', timeZone: 'UTC' },
    );
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined, locale: Locale, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = d.toDateString() === now.toDateString();
  return formatter(locale, sameDay ? 'time' : 'dateTime').format(d);
}

/** A calendar date (`2026-11-26`), or a whole timestamp by its local day, as "26 november 2026". */
export function formatDate(isoDate: string | undefined, locale: Locale): string {
  if (!isoDate) return '';
  // A timestamp (the retention cutoff, …) was shown raw ("2024-11-26T19:54:51.681Z").
  const d = new Date(`${isoDate.length > 10 ? localDay(isoDate) : isoDate}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return formatter(locale, 'longDate').format(d);
}

function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const labels = (terms: readonly Term[], codes: readonly string[], locale: Locale): string =>
  codes.map((c) => labelOf(terms, c, locale)).join(', ');

export const phaseLabel = (code: string, locale: Locale) => labelOf(PHASES, code, locale);

/** Short sector labels for the table (the codes are what advisors say: po, vo, mbo). */
export const sectorCodes = (codes: readonly string[]) => codes.map((c) => c.toUpperCase()).join(', ');

export { SECTORS };
