import { useTranslation } from 'react-i18next';
import type { MatchReason } from '../../../shared';
import type { View } from '../../app/store';
import { ViewLink } from '../../ui/ViewLink';
import { Reasons } from './Reasons';

/**
 * One row of a ranked list (vacancies for a candidate, candidates for a vacancy): a link to the
 * other side, its score and the reasons behind it, and the button that proposes the match.
 */
export function RankedRow(props: {
  href: string;
  view: View;
  name: string;
  /** Shown after the name, e.g. the vacancy's organisation. */
  detail?: string;
  score: number;
  reasons: readonly MatchReason[];
  /** Absent for a reader who may not propose. */
  propose?: { label: string; busy: boolean; onClick: () => void };
}) {
  const { t } = useTranslation();
  const { href, view, name, detail, score, reasons, propose } = props;
  return (
    <li>
      <ViewLink href={href} view={view}>
        {name}
      </ViewLink>{' '}
      {detail !== undefined ? <>· {detail} </> : null}
      <span className="badge">{t('vacancies.score', { score: Math.round(score) })}</span> <Reasons reasons={reasons} />{' '}
      {propose ? (
        <button type="button" className="button button--small" disabled={propose.busy} aria-label={propose.label} onClick={propose.onClick}>
          {t('vacancies.propose')}
        </button>
      ) : null}
    </li>
  );
}
