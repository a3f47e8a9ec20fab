import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { statusKind, useSyncStatus } from '../../sync/status';
import { formatDateTime } from '../candidates/format';

/** Always visible: online or offline, syncing, when it last synced and what is still to send. */
export function SyncStatus() {
  const { t } = useTranslation();
  const kind = useSyncStatus(statusKind);
  const lastSyncAt = useSyncStatus((s) => s.lastSyncAt);
  const pending = useSyncStatus((s) => s.pending.length);
  // Re-render now and then so "today" formatting stays right.
  const [, tick] = useState(0);
  useEffect(() => {
    const h = setInterval(() => tick((n) => n + 1), 60_000);
    return () => clearInterval(h);
  }, []);

  return (
    <div role="status" data-testid="sync-status" data-state={kind} className={`sync-status sync-status--${kind}`}>
      <span className="dot" aria-hidden="true" />
      <span className="sync-state">{t(`status.${kind}`)}</span>{' '}
      <span className="sync-last">
        {lastSyncAt ? t('status.lastSync', { time: formatDateTime(lastSyncAt, currentLocale()) }) : t('status.never')}
      </span>{' '}
      {pending > 0 ? <span className="sync-pending">{t('status.pending', { count: pending })}</span> : null}
    </div>
  );
}
