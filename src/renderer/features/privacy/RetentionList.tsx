import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { formatDate } from '../candidates/format';
import { makeSyncFetch } from '../../sync/replication';
import { call, type RetentionList as Data } from './api';
import { applyErasures } from './erasure-sync';

type Load = { state: 'loading' } | { state: 'error'; text: string } | { state: 'ready'; data: Data };

/**
 * The region's retention period and the people without activity for longer: per person the
 * supervisor erases (with a confirmation) or keeps her longer with a reason.
 */
export function RetentionList({ region }: { region: string }) {
  const { t } = useTranslation();
  const { session, db } = useApp();
  const server = session?.server ?? '';
  const locale = currentLocale();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [months, setMonths] = useState('');
  const [monthsError, setMonthsError] = useState('');
  const [open, setOpen] = useState<{ id: string; mode: 'extend' | 'erase' } | null>(null);
  const [reason, setReason] = useState('');
  const [rowError, setRowError] = useState('');
  const [done, setDone] = useState('');
  const monthsId = useId();
  const reasonId = useId();

  const reload = useCallback(async () => {
    const res = await call<Data>(server, `/_regiodesk/retention/${encodeURIComponent(region)}`);
    if (!res.ok) return setLoad({ state: 'error', text: res.offline ? t('privacy.offline') : t('privacy.failed', { reason: res.reason }) });
    setLoad({ state: 'ready', data: res.value });
    setMonths(String(res.value.months));
  }, [server, region, t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const saveMonths = async () => {
    setMonthsError('');
    setDone('');
    const n = Number(months);
    if (!Number.isInteger(n) || n < 1 || n > 120) return setMonthsError(t('privacy.retention.monthsInvalid'));
    const res = await call(server, `/_regiodesk/retention/${encodeURIComponent(region)}`, { method: 'PUT', body: JSON.stringify({ months: n }) });
    if (!res.ok) return setMonthsError(res.offline ? t('privacy.offline') : t('privacy.failed', { reason: res.reason }));
    setDone(t('privacy.retention.saved'));
    await reload();
  };

  const act = async (id: string, mode: 'extend' | 'erase') => {
    setRowError('');
    setDone('');
    if (mode === 'extend' && reason.trim().length < 3) return setRowError(t('privacy.retention.reasonRequired'));
    const res =
      mode === 'extend'
        ? await call(server, `/_regiodesk/retention/${encodeURIComponent(region)}/extend`, { method: 'POST', body: JSON.stringify({ candidateId: id, reason }) })
        : await call(server, '/_regiodesk/erase', { method: 'POST', body: JSON.stringify({ candidateId: id }) });
    if (!res.ok) return setRowError(res.offline ? t('privacy.offline') : t('privacy.failed', { reason: res.reason }));
    if (mode === 'erase' && db) await applyErasures(db, makeSyncFetch(server), server);
    setOpen(null);
    setReason('');
    setDone(mode === 'extend' ? t('privacy.retention.extended') : t('privacy.erase.done'));
    await reload();
  };

  if (load.state === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (load.state === 'error') return <p className="notice notice--error">{load.text}</p>;
  const { data } = load;
  return (
    <div>
      <form
        className="privacy-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void saveMonths();
        }}
      >
        <label htmlFor={monthsId}>
          {t('privacy.retention.months')}
          <input id={monthsId} type="number" min={1} max={120} value={months} aria-invalid={!!monthsError} onChange={(e) => setMonths(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {t('privacy.retention.save')}
        </button>
        {monthsError ? (
          <p className="field-error" role="alert">
            {monthsError}
          </p>
        ) : null}
      </form>
      <p className="muted">{t('privacy.retention.explain', { months: data.months, date: formatDate(data.cutoff, locale) })}</p>
      {done ? <p className="notice notice--success" role="status">{done}</p> : null}
      {data.candidates.length === 0 ? (
        <p className="empty">{t('privacy.retention.empty')}</p>
      ) : (
        <table className="table" aria-label={t('privacy.retention.title')}>
          <thead>
            <tr>
              <th>{t('privacy.retention.name')}</th>
              <th>{t('privacy.retention.lastActivity')}</th>
              <th>{t('privacy.retention.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.candidates.map((c) => {
              const name = `${c.firstName} ${c.lastName}`.trim();
              const here = open?.id === c.id;
              return (
                <tr key={c.id}>
                  <td>
                    {name}
                    {c.withdrawnAt ? (
                      <>
                        {' '}
                        <span className="badge badge--warn">{t('privacy.retention.withdrawn')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{c.lastActivity ? formatDate(c.lastActivity, locale) : '—'}</td>
                  <td>
                    {here && open.mode === 'extend' ? (
                      <form
                        className="privacy-inline"
                        onSubmit={(e) => {
                          e.preventDefault();
                          void act(c.id, 'extend');
                        }}
                      >
                        <label htmlFor={reasonId}>
                          {t('privacy.retention.reason')}
                          <input id={reasonId} value={reason} aria-invalid={!!rowError} onChange={(e) => setReason(e.target.value)} />
                        </label>
                        <button type="submit" className="button">
                          {t('privacy.retention.extendConfirm')}
                        </button>
                        <button type="button" className="button" onClick={() => setOpen(null)}>
                          {t('privacy.cancel')}
                        </button>
                      </form>
                    ) : here && open.mode === 'erase' ? (
                      <div className="privacy-inline">
                        <span>{t('privacy.retention.eraseQuestion', { name })}</span>
                        <button type="button" className="button button--danger" onClick={() => void act(c.id, 'erase')}>
                          {t('privacy.erase.confirm')}
                        </button>
                        <button type="button" className="button" onClick={() => setOpen(null)}>
                          {t('privacy.cancel')}
                        </button>
                      </div>
                    ) : (
                      <div className="button-row">
                        <button type="button" className="button button--small" aria-label={t('privacy.retention.extendFor', { name })} onClick={() => (setOpen({ id: c.id, mode: 'extend' }), setRowError(''), setReason(''))}>
                          {t('privacy.retention.extend')}
                        </button>
                        <button type="button" className="button button--small button--danger" aria-label={t('privacy.retention.eraseFor', { name })} onClick={() => (setOpen({ id: c.id, mode: 'erase' }), setRowError(''))}>
                          {t('privacy.retention.erase')}
                        </button>
                      </div>
                    )}
                    {here && rowError ? (
                      <p className="field-error" role="alert">
                        {rowError}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
