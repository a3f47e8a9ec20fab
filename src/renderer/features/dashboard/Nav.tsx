import { useTranslation } from 'react-i18next';
import { navigate, useApp } from '../../app/store';

/** The header link to the dashboard. */
export function DashboardNav() {
  const { t } = useTranslation();
  const view = useApp((s) => s.view.name);
  const active = view === 'dashboard' || view === 'figureList';
  return (
    <button type="button" className="button button--small" aria-current={active ? 'page' : undefined} onClick={() => navigate({ name: 'dashboard' })}>
      {t('dashboard.nav')}
    </button>
  );
}
