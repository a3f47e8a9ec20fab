import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { reSyncNow } from '../../app/store';
import { useJournal } from '../../sync/journal';
import { kindTotals, useProgress, type SyncSummary } from '../../sync/progress';
import { statusKind, useSyncStatus } from '../../sync/status';
import { useStorageState, NEARLY_FULL } from '../../sync/storage';
import { formatDateTime } from '../candidates/format';
import { DaySummary } from './DaySummary';
import { kindLabel } from './labels';
import './sync.css';

function bytes(n: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString(locale, { maximumFractionDigits: 1 })} ${units[i]}`;
}

/** The storage warnings, shown in the panel and (when full) by the status indicator. */
export function StorageNotice() {
  const { t } = useTranslation();
  const full = useStorageState((s) => s.full);
  const usage = useStorageState((s) => s.usage);
  const quota = useStorageState((s) => s.quota);
  const persisted = useStorageState((s) => s.persisted);
  const locale = currentLocale();
  if (full) {
    return (
      <p className="notice notice--error" role="alert" data-testid="storage-full">
        {t('sync.storageFull')}
      </p>
    );
  }
  if (usage !== null && quota && usage / quota > NEARLY_FULL) {
    return (
      <p className="notice notice--warn" role="status">
        {t('sync.storageNearlyFull', { used: bytes(usage, locale), quota: bytes(quota, locale) })}
      </p>
    );
  }
  if (persisted === false) return <p className="muted">{t('sync.storageNotPersistent')}</p>;
  return null;
}

function Summary({ s }: { s: SyncSummary }) {
  const { t } = useTranslation();
  const sent = Math.max(0, s.sent - s.rejected);
  return (
    <dl className="sync-summary" data-testid="sync-summary">
      <div>
        <dt>{t('sync.sent')}</dt>
        <dd data-testid="summary-sent">{sent}</dd>
      </div>
      <div>
        <dt>{t('sync.received')}</dt>
        <dd data-testid="summary-received">{s.received}</dd>
      </div>
      <div>
        <dt>{t('sync.conflicts')}</dt>
        <dd data-testid="summary-conflicts">{s.conflicts}</dd>
      </div>
      <div>
        <dt>{t('sync.rejected')}</dt>
        <dd data-testid="summary-rejected">{s.rejected}</dd>
      </div>
    </dl>
  );
}

/** The sync overview: progress per kind, then today (the last sync's figures, the day's record: daylog.ts). */
export function SyncPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const kind = useSyncStatus(statusKind);
  const pending = useSyncStatus((s) => s.pending.length);
  const kinds = useProgress((s) => s.kinds);
  const totals = useMemo(() => kindTotals({ kinds } as Parameters<typeof kindTotals>[0]), [kinds]);
  const current = useProgress((s) => s.current);
  const last = useProgress((s) => s.last);
  const rejected = useJournal((s) => s.rejected);
  const running = current !== null;

  return (
    <section id={id} className="sync-panel" aria-labelledby={`${id}-title`} data-testid="sync-panel">
      <h2 id={`${id}-title`}>{t('sync.panelTitle')}</h2>
      {kind === 'offline' ? <p className="muted">{t('sync.offlineHint')}</p> : null}
      {pending > 0 ? <p className="sync-pending" data-testid="sync-pending-overview">{t('status.pending', { count: pending })}</p> : null}
      <StorageNotice />

      <h3>{t('sync.progressTitle')}</h3>
      {running && totals.length > 0 ? (
        <ul className="sync-progress" data-testid="sync-progress">
          {totals.map((k) => (
            <li key={k.collection}>
              <label>
                <span>{t('sync.progressItem', { kind: kindLabel(k.collection, t), count: k.received })}</span>
                <progress max={1} value={k.fraction} aria-label={t('sync.progressLabel', { kind: kindLabel(k.collection, t) })} />
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('sync.noProgress')}</p>
      )}

      <h3>{t('sync.day.title')}</h3>
      <h4>{t('sync.summaryTitle')}</h4>
      {last ? (
        <>
          <p className="muted">{t('sync.summaryAt', { time: formatDateTime(last.endedAt ?? last.startedAt, locale) })}</p>
          <Summary s={last} />
        </>
      ) : (
        <p className="muted">{t('sync.summaryNone')}</p>
      )}
      <DaySummary id={id} openRejected={rejected} />
      <p>
        <button type="button" className="button" onClick={() => reSyncNow()}>
          {t('sync.now')}
        </button>
      </p>
    </section>
  );
}
