import { useTranslation } from 'react-i18next';
import { principalOf } from '../../app/session';
import { navigate, useApp } from '../../app/store';

/** The header link to the quarterly report, for supervisors and administrators. */
export function ReportNav() {
  const { t } = useTranslation();
  const { session, view } = useApp();
  if (!session) return null;
  const p = principalOf(session);
  if (!p.admin && !p.memberships.some((m) => m.role === 'supervisor')) return null;
  return (
    <button type="button" className="button button--small" aria-current={view.name === 'report' ? 'page' : undefined} onClick={() => navigate({ name: 'report' })}>
      {t('report.nav')}
    </button>
  );
}
