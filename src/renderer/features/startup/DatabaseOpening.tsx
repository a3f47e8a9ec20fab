import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { migrationProgress, onMigrationProgress } from '../../db/migrationProgress';

/**
 * What the app shows while the local database opens: a line, or, during the one-off copy after
 * a schema change, a progress bar with the count, so a long first start does not look frozen.
 */
export function DatabaseOpening() {
  const { t } = useTranslation();
  const p = useSyncExternalStore(onMigrationProgress, migrationProgress);
  if (!p) return <p className="muted">{t('app.loading')}</p>;
  return (
    <div role="status" aria-live="polite">
      <p>{t('startup.migrating')}</p>
      <progress aria-label={t('startup.migrating')} max={p.total} value={p.handled} />{' '}
      <span className="muted">{t('startup.migrated', { handled: p.handled.toLocaleString(), total: p.total.toLocaleString() })}</span>
      <p className="muted">{t('startup.migratingWhy')}</p>
    </div>
  );
}
