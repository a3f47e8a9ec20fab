import type { ReactNode } from 'react';
import { consentStatus, fieldOf, labelOf, PHASES, type Candidate, type Locale, type ViewFieldKey } from '../../../shared';
import { formatDate, formatDateTime } from './format';
import { WebsiteBadge } from '../activities/WebsiteBadge';
import { ConsentFlag } from '../consent/ConsentFlag';

/** What a cell shows for a field, in the user's language and locale. */
export function cellText(c: Candidate, field: ViewFieldKey, locale: Locale): string {
  const f = fieldOf(field);
  if (field === 'name') return `${c.firstName} ${c.lastName}`;
  const v = (c as unknown as Record<string, unknown>)[field];
  if (v === undefined || v === null || v === '') return '';
  if (f?.kind === 'codes' && Array.isArray(v)) return v.map((x) => labelOf(f.terms ?? [], String(x), locale)).join(', ');
  if (f?.kind === 'code') return labelOf(f.terms ?? [], String(v), locale);
  if (f?.kind === 'date') return field === 'updatedAt' ? formatDateTime(String(v), locale) : formatDate(String(v).slice(0, 10), locale);
  return String(v);
}

/**
 * Cell texts, worked out once per document object (a change makes a new object, so an entry never
 * goes stale) and per locale and day (an update time shows only the time when it is today).
 * Scrolling back over rows then costs no formatting at all.
 */
const texts = new WeakMap<Candidate, Map<string, string>>();
const dayOf = () => new Date().toDateString();
let day = dayOf();
export function cachedCellText(c: Candidate, field: ViewFieldKey, locale: Locale): string {
  let m = texts.get(c);
  if (!m) texts.set(c, (m = new Map()));
  const key = `${locale}|${field}|${field === 'updatedAt' ? day : ''}`;
  let s = m.get(key);
  if (s === undefined) m.set(key, (s = cellText(c, field, locale)));
  return s;
}
/** Called once per table render: a table left open past midnight shows update times with a date again. */
export function refreshCellDay(): void {
  day = dayOf();
}

const consent = new WeakMap<Candidate, string>();
const consentOf = (c: Candidate): string => {
  let s = consent.get(c);
  if (s === undefined) consent.set(c, (s = consentStatus(c.consent)));
  return s;
};

/**
 * One cell. The badges are mounted only for the rows that show them (most rows have valid
 * consent and did not come in through the website), so an ordinary row mounts no hooks at all.
 */
export function Cell({ c, field, locale }: { c: Candidate; field: ViewFieldKey; locale: Locale }): ReactNode {
  if (field === 'name') {
    // The consent flag sits beside the link, so the link's name stays the person's name. A click
    // on the link is handled by the table (one listener for all rows), which opens the file.
    return (
      <>
        <a href={`#kandidaat/${c.id}`}>
          {c.firstName} {c.lastName}
        </a>
        {/* Beside the link too: inside, its text ran into the name ("Esther van den Bergwebsite"). */}
        {c.source === 'website' && c.phase === 'nieuw' ? <WebsiteBadge candidate={c} /> : null}
        {consentOf(c) !== 'valid' ? <ConsentFlag candidate={c} /> : null}
      </>
    );
  }
  if (field === 'phase') return <span className={`phase phase--${c.phase}`}>{labelOf(PHASES, c.phase, locale)}</span>;
  const text = cachedCellText(c, field, locale);
  if (field === 'updatedAt' || field === 'createdAt') {
    return <time dateTime={(c as unknown as Record<string, string>)[field]}>{text}</time>;
  }
  return <span title={text.length > 30 ? text : undefined}>{text}</span>;
}
