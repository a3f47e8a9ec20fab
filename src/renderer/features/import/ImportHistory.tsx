import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegiodeskDatabase } from '../../db/database';
import { listBatches, undoBatch, type ImportBatch } from './batch';

/**
 * Earlier imports on this device, each with an undo that asks for confirmation first. Memoised:
 * the wizard re-renders on every progress step of a long import, this list need not.
 */
export const ImportHistory = memo(function ImportHistory({ db, refreshKey }: { db: RegiodeskDatabase; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);
  const [batches, setBatches] = useState<ImportBatch[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => void listBatches(db).then(setBatches), [db]);
  useEffect(load, [load, refreshKey]);

  const undo = async (b: ImportBatch) => {
    setConfirming(null);
    setError(null);
    setProgress({ done: 0, total: b.candidateIds.length });
    try {
      await undoBatch(db, b.id, (done, total) => setProgress({ done, total }));
      setMessage(t('import.undone', { file: b.fileName }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
      load();
    }
  };

  return (
    <section className="section" aria-labelledby="import-history-title">
      <h3 id="import-history-title">{t('import.history')}</h3>
      {message ? (
        <p className="notice notice--success" role="status">
          {message}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {progress ? (
        <p>
          <label>
            {t('import.undoing', progress)}{' '}
            <progress max={progress.total || 1} value={progress.done} />
          </label>
        </p>
      ) : null}
      {batches && batches.length === 0 ? <p className="muted">{t('import.historyEmpty')}</p> : null}
      <ul className="import-history">
        {(batches ?? []).map((b) => (
          <li key={b.id} data-testid="import-batch">
            {t('import.batchLine', { file: b.fileName, date: dateFormat.format(new Date(b.at)), count: b.candidateIds.length })} ·{' '}
            <strong>{t(`import.batchStatus.${b.status}`)}</strong>{' '}
            {b.status !== 'undone' ? (
              confirming === b.id ? (
                <span role="alertdialog" aria-labelledby={`undo-q-${b.id}`} className="notice notice--info">
                  <span id={`undo-q-${b.id}`}>{t('import.undoConfirm', { count: b.candidateIds.length, file: b.fileName })}</span>{' '}
                  <button type="button" className="button button--small button--primary" onClick={() => void undo(b)}>
                    {t('import.undoYes')}
                  </button>{' '}
                  <button type="button" className="button button--small" autoFocus onClick={() => setConfirming(null)}>
                    {t('import.undoNo')}
                  </button>
                </span>
              ) : (
                <button type="button" className="button button--small" disabled={!!progress} onClick={() => setConfirming(b.id)}>
                  {t('import.undo')}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
});
