import type { ReactNode } from 'react';
import { fieldOf, labelOf, PHASES, type Candidate, type Locale, type ViewFieldKey } from '../../../shared';
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

export function Cell({ c, field, locale, open }: { c: Candidate; field: ViewFieldKey; locale: Locale; open: (id: string) => void }): ReactNode {
  if (field === 'name') {
    // The consent flag sits beside the link, so the link's name stays the person's name.
    return (
      <>
        <a
          href={`#kandidaat/${c.id}`}
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            open(c.id);
          }}
        >
          {c.firstName} {c.lastName}
          <WebsiteBadge candidate={c} />
        </a>
        <ConsentFlag candidate={c} />
      </>
    );
  }
  if (field === 'phase') return <span className={`phase phase--${c.phase}`}>{labelOf(PHASES, c.phase, locale)}</span>;
  const text = cellText(c, field, locale);
  if (field === 'updatedAt' || field === 'createdAt') {
    return <time dateTime={(c as unknown as Record<string, string>)[field]}>{text}</time>;
  }
  return <span title={text.length > 30 ? text : undefined}>{text}</span>;
}
