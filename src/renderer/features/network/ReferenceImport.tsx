import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTORS, type ReferenceImportReport } from '../../../shared';
import { navigate, reSyncNow, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { uploadReferenceFile } from './importApi';

/** Administrators: upload a DUO or programmes file → progress → report (created, updated, … per row). */
export function ReferenceImport() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useApp((s) => s.session);
  const fileRef = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<'duo' | 'programmes'>('duo');
  const [sector, setSector] = useState('');
  const [partial, setPartial] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ReferenceImportReport | null>(null);

  if (!session?.admin) return <p className="notice notice--error" role="alert">{t('network.import.adminOnly')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setReport(null);
    if (!file) return setFileError(t('network.import.chooseFile'));
    setFileError(null);
    setBusy({ done: 0, total: 0 });
    const r = await uploadReferenceFile(session.server, file, { format, ...(sector ? { sector } : {}), partial }, (done, total) => setBusy({ done, total }));
    setBusy(null);
    if (!r.ok) return setFileError(r.reason === 'offline' ? t('network.import.offline') : t('network.import.refused', { reason: r.reason }));
    setReport(r.report);
    reSyncNow(); // the new reference data comes down at once
  };

  return (
    <section aria-labelledby="import-heading">
      <button type="button" className="button button--small" onClick={() => navigate({ name: 'organisations' })}>
        ← {t('network.back')}
      </button>
      <h1 id="import-heading">{t('network.import.heading')}</h1>
      <p>{t('network.import.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('network.import.format')}</legend>
          <label className="checkbox">
            <input type="radio" name="format" value="duo" checked={format === 'duo'} onChange={() => setFormat('duo')} /> {t('network.import.duo')}
          </label>
          <label className="checkbox">
            <input type="radio" name="format" value="programmes" checked={format === 'programmes'} onChange={() => setFormat('programmes')} /> {t('network.import.programmes')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="ref-file">{t('network.import.file')}</label>
          <input id="ref-file" ref={fileRef} type="file" accept=".csv,text/csv" aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? 'ref-file-error' : undefined} />
          {fileError ? (
            <p id="ref-file-error" className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
        {format === 'duo' ? (
          <div className="field">
            <label htmlFor="ref-sector">{t('network.import.sector')}</label>
            <select id="ref-sector" value={sector} onChange={(e) => setSector(e.target.value)}>
              <option value="">{t('network.import.sectorFromFile')}</option>
              {SECTORS.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label[locale]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} /> {t('network.import.partial')}
        </label>
        <p>
          <button type="submit" className="button button--primary" disabled={busy !== null}>
            {t('network.import.start')}
          </button>
        </p>
      </form>
      {busy ? (
        <p>
          <progress aria-label={t('network.import.progress')} max={busy.total || undefined} value={busy.total ? busy.done : undefined} />{' '}
          {busy.total ? t('network.import.writing', { done: busy.done, total: busy.total }) : t('network.import.reading')}
        </p>
      ) : null}
      {report ? (
        <section aria-labelledby="report-heading" data-testid="import-report">
          <h2 id="report-heading">{t('network.import.report')}</h2>
          <p role="status">
            {t('network.import.summary', { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, closed: report.closed, rejected: report.rejected.length })}
          </p>
          {report.rejected.length ? (
            <table className="table">
              <caption>{t('network.import.rejected')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('network.import.line')}</th>
                  <th scope="col">{t('network.import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r, i) => (
                  <tr key={i}>
                    <td>{r.line}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {report.unknownColumns.length ? <p className="muted">{t('network.import.unknownColumns', { columns: report.unknownColumns.join(', ') })}</p> : null}
        </section>
      ) : null}
    </section>
  );
}
