import { useTranslation } from 'react-i18next';
import { FUNCTIONS, labelOf, ROUTES, SECTORS, SUBJECTS, type MatchReason } from '../../../shared';
import { currentLocale } from '../../i18n';
import { formatDate } from '../candidates/format';

/** Taxonomy codes in a reason's parameters become labels in the user's language. */
function params(r: MatchReason, locale: 'nl' | 'en'): Record<string, string | number> {
  const p = { ...(r.params ?? {}) };
  if (typeof p.subject === 'string') p.subject = labelOf(SUBJECTS, p.subject, locale);
  if (typeof p.sector === 'string') p.sector = labelOf(SECTORS, p.sector, locale);
  if (typeof p.function === 'string') p.function = labelOf(FUNCTIONS, p.function, locale);
  if (typeof p.route === 'string') p.route = labelOf(ROUTES, p.route, locale);
  if (typeof p.date === 'string') p.date = formatDate(p.date, locale);
  return p;
}

/** The reasons of a match as one short line: "Wiskunde ✓, 12 km, Zij-instroom mogelijk". */
export function Reasons({ reasons }: { reasons: readonly MatchReason[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <span className="match-reasons">
      {reasons.map((r, i) => (
        <span key={i} className={r.good ? 'reason reason--good' : 'reason reason--bad'}>
          {t(`vacancies.reasons.${r.key}`, params(r, locale))}
          {i < reasons.length - 1 ? ', ' : ''}
        </span>
      ))}
    </span>
  );
}
