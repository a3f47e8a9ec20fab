import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../shared';
import { useApp } from '../../app/store';
import { sharedContactIndex } from '../event-mode/contacts';

/**
 * Marks a candidate that came in through the website form and is still new, and flags it when
 * another local candidate has the same e-mail or phone (as event mode does).
 */
export function WebsiteBadge({ candidate }: { candidate: Pick<Candidate, 'id' | 'source' | 'phase' | 'email' | 'phone'> }) {
  const { t } = useTranslation();
  const db = useApp((s) => s.db);
  const [, setReady] = useState(false);
  if (candidate.source !== 'website' || candidate.phase !== 'nieuw') return null;
  const twin = db ? sharedContactIndex(db.candidates, () => setReady(true)).lookup(candidate.email, candidate.phone, candidate.id) : null;
  return (
    <>
      <span className="badge" title={t('intakeSettings.badgeTitle')}>
        {t('intakeSettings.badge')}
      </span>
      {twin ? (
        <span className="badge badge--warn" title={t('intakeSettings.duplicateTitle', { name: twin.name })}>
          {t('intakeSettings.duplicate')}
        </span>
      ) : null}
    </>
  );
}
