import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { navigate } from '../../app/store';
import { dayTotals, KEEP_DAYS, localDay, useDayLog, type DayRecord } from '../../sync/daylog';
import type { RejectedEntry } from '../../sync/journal';
import { formatDate, formatDateTime } from '../candidates/format';
import { ConflictList } from './ConflictList';
import { kindLabel } from './labels';

function OpenButton({ r }: { r: Pick<RejectedEntry, 'collection' | 'docId'> }) {
  const { t } = useTranslation();
  if (r.collection !== 'candidates') return null;
  return (
    <button type="button" className="button button--small" onClick={() => navigate({ name: 'detail', id: r.docId, editing: false })}>
      {t('sync.open')}
    </button>
  );
}

function Colleagues({ id, byColleague, isToday }: { id: string; byColleague: DayRecord['byColleague']; isToday: boolean }) {
  const { t } = useTranslation();
  const colleagues = Object.entries(byColleague).sort(([a], [b]) => a.localeCompare(b));
  const kindsSeen = [...new Set(colleagues.flatMap(([, m]) => Object.keys(m)))].sort();
  return (
    <>
      <h4 id={`${id}-colleagues`}>{t('sync.day.colleagues')}</h4>
      {colleagues.length === 0 ? (
        <p className="muted">{isToday ? t('sync.colleaguesNone') : t('sync.day.colleaguesNone')}</p>
      ) : (
        // Nine columns do not fit the popover: the table scrolls on its own, the panel stays put.
        <div className="sync-table-scroll" role="region" aria-labelledby={`${id}-colleagues`} tabIndex={0}>
          <table className="sync-colleagues" data-testid="colleagues">
            <thead>
              <tr>
                <th scope="col">{t('sync.colleague')}</th>
                {kindsSeen.map((k) => (
                  <th scope="col" key={k}>
                    {kindLabel(k, t)}
                  </th>
                ))}
                <th scope="col">{t('sync.total')}</th>
              </tr>
            </thead>
            <tbody>
              {colleagues.map(([who, m]) => (
                <tr key={who}>
                  <th scope="row">{who}</th>
                  {kindsSeen.map((k) => (
                    <td key={k}>{m[k] ?? 0}</td>
                  ))}
                  <td>{Object.values(m).reduce((a, b) => a + b, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/**
 * One day of syncs on this device (sync/daylog.ts, kept past a reload for KEEP_DAYS days): its
 * totals, what came in per colleague, the merged fields and the refused documents with the
 * server's reason, each refused record with a way to open it. Today unless an earlier day is picked.
 */
export function DaySummary({ id, openRejected }: { id: string; openRejected: RejectedEntry[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const days = useDayLog((s) => s.days);
  const today = localDay(new Date());
  const [picked, setPicked] = useState<string>(today);
  const choices = useMemo(() => [today, ...days.map((d) => d.day).filter((d) => d !== today)], [days, today]);
  const day = choices.includes(picked) ? picked : today;
  const isToday = day === today;
  const record = days.find((d) => d.day === day) ?? null;
  const totals = record ? dayTotals(record) : null;
  // Refusals still open from days not shown (or pruned): never out of sight.
  const older = openRejected.filter((r) => !record?.refusals.some((x) => x.docId === r.docId));

  return (
    <div className="sync-day" data-testid="sync-day" data-day={day}>
      {choices.length > 1 ? (
        <label className="sync-day-pick">
          {t('sync.day.pick')}{' '}
          <select value={day} onChange={(e) => setPicked(e.target.value)}>
            {choices.map((d) => (
              <option key={d} value={d}>
                {d === today ? t('sync.day.today') : formatDate(d, locale)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {totals && totals.sessions > 0 ? (
        <p data-testid="day-totals">{t('sync.day.totals', { ...totals, count: totals.sessions })}</p>
      ) : (
        <p className="muted">{t('sync.day.none')}</p>
      )}

      <Colleagues id={id} byColleague={record?.byColleague ?? {}} isToday={isToday} />

      <h4>{t('sync.conflictsTitle')}</h4>
      <ConflictList entries={record?.merges ?? []} limit={50} />

      <h4>{t('sync.day.refused')}</h4>
      {!record || record.refusals.length === 0 ? (
        <p className="muted">{t('sync.day.refusedNone')}</p>
      ) : (
        <ul className="sync-rejected" data-testid="rejected-list">
          {record.refusals.map((r) => (
            <li key={r.docId} data-doc={r.docId} data-accepted={r.acceptedAt ? 'true' : 'false'}>
              <span>
                {kindLabel(r.collection, t)} {r.docId}: {t('sync.rejectedReason', { reason: r.reason || r.error })}
              </span>{' '}
              <span className={r.acceptedAt ? 'muted' : 'sync-rejected-count'}>
                ({r.acceptedAt ? t('sync.day.refusedAccepted', { time: formatDateTime(r.acceptedAt, locale) }) : t('sync.day.refusedKept')})
              </span>{' '}
              <OpenButton r={r} />
            </li>
          ))}
        </ul>
      )}

      {older.length > 0 ? (
        <>
          <h4>{t('sync.day.olderOpen')}</h4>
          <ul className="sync-rejected" data-testid="rejected-older">
            {older.map((r) => (
              <li key={r.docId} data-doc={r.docId}>
                <span>
                  {kindLabel(r.collection, t)} {r.docId}: {t('sync.rejectedReason', { reason: r.reason || r.error })} ({formatDateTime(r.at, locale)})
                </span>{' '}
                <OpenButton r={r} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted">{t('sync.day.kept', { count: KEEP_DAYS })}</p>
    </div>
  );
}
