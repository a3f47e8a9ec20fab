import { useTranslation } from 'react-i18next';
import { consentStatus, type Candidate } from '../../../shared';

/** A badge beside the name of anyone without valid consent (missing, old-style or withdrawn). */
export function ConsentFlag({ candidate }: { candidate: Pick<Candidate, 'consent'> }) {
  const { t } = useTranslation();
  const status = consentStatus(candidate.consent);
  if (status === 'valid') return null;
  return (
    <span className="badge badge--warn" data-consent-flag={status} title={t(`consent.flagTitle.${status}`)}>
      {t(`consent.flag.${status}`)}
    </span>
  );
}
