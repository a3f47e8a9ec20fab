import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { reSyncNow } from '../../app/store';
import { useJournal } from '../../sync/journal';
import { statusKind, useSyncStatus } from '../../sync/status';
import { useStorageState } from '../../sync/storage';
import { formatDateTime } from '../candidates/format';
import { SyncPanel } from '../sync/SyncPanel';

/**
 * Always visible: online or offline, syncing, when it last synced and what is still to send; a
 * `Synchroniseren` button, and the overview (progress, summary, refusals, merges) on request.
 */
export function SyncStatus() {
  const { t } = useTranslation();
  const kind = useSyncStatus(statusKind);
  const lastSyncAt = useSyncStatus((s) => s.lastSyncAt);
  const pending = useSyncStatus((s) => s.pending.length);
  const rejected = useJournal((s) => s.rejected.length);
  const storageFull = useStorageState((s) => s.full);
  const live = useSyncStatus((s) => s.liveReplications ?? 0);
  const shared = useSyncStatus((s) => !!s.sharedStream);
  const [open, setOpen] = useState(false);
  // Re-render now and then so "today" formatting stays right.
  const [, tick] = useState(0);
  useEffect(() => {
    const h = setInterval(() => tick((n) => n + 1), 60_000);
    return () => clearInterval(h);
  }, []);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="sync-area">
      <div role="status" data-testid="sync-status" data-state={kind} data-live={live} data-shared-stream={shared} className={`sync-status sync-status--${kind}`}>
        <span className="dot" aria-hidden="true" />
        <span className="sync-state">{t(`status.${kind}`)}</span>{' '}
        <span className="sync-last">
          {lastSyncAt ? t('status.lastSync', { time: formatDateTime(lastSyncAt, currentLocale()) }) : t('status.never')}
        </span>{' '}
        {pending > 0 ? <span className="sync-pending">{t('status.pending', { count: pending })}</span> : null}
        {rejected > 0 ? (
          <span className="sync-rejected-count" data-testid="rejected-count">
            {t('sync.rejected')}: {rejected}
          </span>
        ) : null}
        {storageFull ? <span className="sync-storage-full">{t('sync.storageFull')}</span> : null}
      </div>
      <button type="button" className="button button--small" onClick={() => reSyncNow()} disabled={kind === 'offline'} data-testid="sync-now">
        {t('sync.now')}
      </button>
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls="sync-panel"
        onClick={() => setOpen((o) => !o)}
        data-testid="sync-details"
      >
        {open ? t('sync.hideDetails') : t('sync.details')}
      </button>
      {open ? (
        <div className="sync-popover">
          <SyncPanel id="sync-panel" />
        </div>
      ) : null}
    </div>
  );
}
