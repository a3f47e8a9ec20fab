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

  // The whole text as the tooltip: the header shortens a long warning with an ellipsis (header.css).
  const title = [
    t(`status.${kind}`),
    storageFull ? t('sync.storageFull') : '',
    rejected > 0 ? `${t('sync.rejected')}: ${rejected}` : '',
    pending > 0 ? t('status.pending', { count: pending }) : '',
    lastSyncAt ? t('status.lastSync', { time: formatDateTime(lastSyncAt, currentLocale()) }) : t('status.never'),
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div className="sync-area">
      <div role="status" data-testid="sync-status" data-state={kind} data-live={live} data-shared-stream={shared} className={`sync-status sync-status--${kind}`} title={title}>
        <span className="dot" aria-hidden="true" />
        <span className="sync-state">{t(`status.${kind}`)}</span>{' '}
        {/* The most pressing first: what the header's ellipsis leaves visible when space is short. */}
        {storageFull ? <span className="sync-storage-full">{t('sync.storageFull')}</span> : null}
        {rejected > 0 ? (
          <span className="sync-rejected-count" data-testid="rejected-count">
            {t('sync.rejected')}: {rejected}
          </span>
        ) : null}
        {pending > 0 ? <span className="sync-pending">{t('status.pending', { count: pending })}</span> : null}{' '}
        <LastSync at={lastSyncAt} />
      </div>
      <button type="button" className="button button--small sync-now" onClick={() => reSyncNow()} disabled={kind === 'offline'} data-testid="sync-now" aria-label={t('sync.now')} title={t('sync.now')}>
        <span aria-hidden="true">⟳</span>
      </button>
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls="sync-panel"
        onClick={() => setOpen((o) => !o)}
        data-testid="sync-details"
        aria-label={open ? t('sync.hideDetails') : t('sync.details')}
      >
        {open ? t('header.syncHide') : t('header.syncDetails')}
      </button>
      {open ? (
        <div className="sync-popover">
          <SyncPanel id="sync-panel" />
        </div>
      ) : null}
    </div>
  );
}

/**
 * "Laatste synchronisatie: 13:05": the header hides the words before the time on narrow windows
 * (header.css), screen readers and the tooltip keep the whole sentence.
 */
function LastSync({ at }: { at: string | null | undefined }) {
  const { t } = useTranslation();
  if (!at) return <span className="sync-last">{t('status.never')}</span>;
  const time = formatDateTime(at, currentLocale());
  const full = t('status.lastSync', { time });
  const i = full.lastIndexOf(time);
  return (
    <span className="sync-last" title={full}>
      {i > 0 ? (
        <>
          <span className="sync-last-label">{full.slice(0, i)}</span>
          {full.slice(i)}
        </>
      ) : (
        full
      )}
    </span>
  );
}
