import { useTranslation } from 'react-i18next';
import { navigate, useApp } from '../../app/store';

/** The header's main links: candidates and activities. */
export function ActivitiesNav() {
  const { t } = useTranslation();
  const view = useApp((s) => s.view.name);
  const item = (name: 'list' | 'activities', label: string, active: boolean) => (
    <button type="button" className="button button--small" aria-current={active ? 'page' : undefined} onClick={() => navigate({ name })}>
      {label}
    </button>
  );
  return (
    <nav aria-label={t('activities.nav')} className="header-nav">
      {item('list', t('activities.navCandidates'), view === 'list' || view === 'detail' || view === 'new')}{' '}
      {item('activities', t('activities.heading'), view === 'activities' || view === 'activity' || view === 'activityEdit' || view === 'event')}
    </nav>
  );
}

/** The header's link to the region's website form (under "Meer"). */
export function IntakeSettingsNav() {
  const { t } = useTranslation();
  const view = useApp((s) => s.view.name);
  return (
    <button type="button" className="button button--small" aria-current={view === 'intakeSettings' ? 'page' : undefined} onClick={() => navigate({ name: 'intakeSettings' })}>
      {t('intakeSettings.nav')}
    </button>
  );
}
