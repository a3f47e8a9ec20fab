import { useTranslation } from 'react-i18next';
import { canEdit } from '../../app/session';
import { navigate, useApp } from '../../app/store';

/** Header links to the import wizard and the duplicates screen (editors only: both write). */
export function DataNav() {
  const { t } = useTranslation();
  const { session, region } = useApp();
  const view = useApp((s) => s.view.name);
  if (!session || !canEdit(session, region)) return null;
  return (
    <nav aria-label={t('import.navLabel')} className="header-nav">
      <button type="button" className="button button--small" aria-current={view === 'import' ? 'page' : undefined} onClick={() => navigate({ name: 'import' })}>
        {t('import.nav')}
      </button>{' '}
      <button type="button" className="button button--small" aria-current={view === 'duplicates' ? 'page' : undefined} onClick={() => navigate({ name: 'duplicates' })}>
        {t('duplicates.nav')}
      </button>
    </nav>
  );
}
