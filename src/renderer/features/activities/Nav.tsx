import { useTranslation } from 'react-i18next';
import { navigate, useApp } from '../../app/store';

/** Links to the activities and to the region's website form, for the header. */
export function ActivitiesNav() {
  const { t } = useTranslation();
  const view = useApp((s) => s.view.name);
  const item = (name: 'list' | 'activities' | 'intakeSettings', label: string, active: boolean) => (
    <button type="button" className="button button--small" aria-current={active ? 'page' : undefined} onClick={() => navigate({ name })}>
      {label}
    </button>
  );
  return (
    <nav aria-label={t('activities.nav')} className="header-nav">
      {item('list', t('activities.navCandidates'), view === 'list' || view === 'detail' || view === 'new')}{' '}
      {item('activities', t('activities.heading'), view === 'activities' || view === 'activity' || view === 'activityEdit' || view === 'event')}{' '}
      {item('intakeSettings', t('intakeSettings.nav'), view === 'intakeSettings')}
    </nav>
  );
}
