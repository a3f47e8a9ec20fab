import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_STATUSES, labelOf, type Contact } from '../../../shared';
import { currentLocale } from '../../i18n';
import type { FileSectionProps } from '../candidates/fileSections';
import { formatDate, formatDateTime } from '../candidates/format';
import { registerTimelineSource, type TimelineItem } from '../timeline/sources';

/**
 * School and programme contacts on a candidate's timeline. A contact keeps only its current status,
 * so it appears once, at its last change.
 */
function ContactLine({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <p className="timeline-line" data-contact={contact.id}>
      <strong>{t('timeline.contact', { org: contact.organisationName, status: labelOf(CONTACT_STATUSES, contact.status, locale), date: formatDate(contact.date, locale) })}</strong>{' '}
      <span className="note-meta">
        {t('timeline.by', { user: contact.updatedBy })} · <time dateTime={contact.updatedAt}>{formatDateTime(contact.updatedAt, locale)}</time>
      </span>
    </p>
  );
}

export function contactTimelineItems(contacts: Contact[]): TimelineItem[] {
  return contacts.map((contact) => ({ key: `${contact.id}-contact`, kind: 'contact', at: contact.updatedAt, node: <ContactLine contact={contact} /> }));
}

function useContactItems({ c, db }: FileSectionProps): TimelineItem[] | null {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  useEffect(() => {
    const sub = db.contacts.find({ selector: { candidateId: c.id } }).$.subscribe((docs) => setContacts(docs.map((d) => d.toJSON() as Contact)));
    return () => sub.unsubscribe();
  }, [db, c.id]);
  return useMemo(() => (contacts ? contactTimelineItems(contacts) : null), [contacts]);
}

registerTimelineSource({ kinds: ['contact'], useItems: useContactItems });
