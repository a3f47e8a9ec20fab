import { labelOf, PHASES, SECTORS, type Locale, type Term } from '../../../shared';

export function formatDateTime(iso: string | null | undefined, locale: Locale, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  const sameDay = d.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(tag, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(isoDate: string | undefined, locale: Locale): string {
  if (!isoDate) return '';
  const d = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

export const labels = (terms: readonly Term[], codes: readonly string[], locale: Locale): string =>
  codes.map((c) => labelOf(terms, c, locale)).join(', ');

export const phaseLabel = (code: string, locale: Locale) => labelOf(PHASES, code, locale);

/** Short sector labels for the table (the codes are what advisors say: po, vo, mbo). */
export const sectorCodes = (codes: readonly string[]) => codes.map((c) => c.toUpperCase()).join(', ');

export { SECTORS };
