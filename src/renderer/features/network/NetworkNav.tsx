import { useTranslation } from 'react-i18next';
import { navigate, useApp } from '../../app/store';

/** Header link to the network (organisations and people). */
export function NetworkNav() {
  const { t } = useTranslation();
  const view = useApp((s) => s.view.name);
  const active = view === 'organisations' || view === 'organisation' || view === 'referenceImport';
  return (
    <nav aria-label={t('network.nav')} className="header-nav">
      <button type="button" className="button button--small" aria-current={active ? 'page' : undefined} onClick={() => navigate({ name: 'organisations' })}>
        {t('network.nav')}
      </button>
    </nav>
  );
}
