import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../shared';

/** Marks a candidate that came in through the website form and is still new. */
export function WebsiteBadge({ candidate }: { candidate: Pick<Candidate, 'source' | 'phase'> }) {
  const { t } = useTranslation();
  if (candidate.source !== 'website' || candidate.phase !== 'nieuw') return null;
  return (
    <span className="badge" title={t('intakeSettings.badgeTitle')}>
      {t('intakeSettings.badge')}
    </span>
  );
}
