import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageRegion } from '../../../shared';
import type { QuarterReport } from '../../../shared/report/compute';
import { lastClosedQuarter, quarterLabel, shiftQuarter } from '../../../shared/report/quarter';
import { reportTable } from '../../../shared/report/table';
import { principalOf, regionName, userRegions } from '../../app/session';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { fetchAlliances, fetchReport, ReportError, reportableAlliances, type Alliance, type SubjectKey } from './api';
import { exportBlob, fileName, saveBlob, type ExportFormat } from './download';
import { ReportTableView } from './ReportTableView';

/** The quarters offered: the current one and the eleven before it, the last closed one chosen. */
function quarterOptions(now = new Date()): string[] {
  const last = lastClosedQuarter(now);
  return Array.from({ length: 12 }, (_, i) => shiftQuarter(last, 1 - i));
}

type Load = { state: 'idle' } | { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; report: QuarterReport };

/**
 * Kwartaalrapportage: a supervisor picks a quarter and one of her regions or an alliance, sees the
 * figures of that quarter, the previous one and the same quarter a year earlier, and downloads
 * them as PDF, CSV or Excel. The server computes the figures (an alliance's with small cells left out).
 */
export function ReportScreen() {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const region = useApp((s) => s.region);
  const lang = currentLocale();
  const server = session?.server.replace(/\/+$/, '') ?? '';
  const p = session ? principalOf(session) : null;
  const regions = session && p ? userRegions(session).filter((r) => canManageRegion(p, r)) : [];
  const [alliances, setAlliances] = useState<Alliance[]>([]);
  const quarters = useMemo(() => quarterOptions(), []);
  const [quarter, setQuarter] = useState(quarters[1]!);
  const [subject, setSubject] = useState<SubjectKey | ''>(region && regions.includes(region) ? `region:${region}` : regions[0] ? `region:${regions[0]}` : '');
  const [load, setLoad] = useState<Load>({ state: 'idle' });
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [exportError, setExportError] = useState('');

  useEffect(() => {
    if (!server || !p) return;
    let live = true;
    fetchAlliances(server)
      .then((all) => live && setAlliances(reportableAlliances(p, all)))
      .catch(() => undefined); // offline: regions only
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [server]);

  if (!session || !p) return null;
  if (regions.length === 0 && alliances.length === 0) {
    return (
      <section aria-labelledby="report-title">
        <h2 id="report-title">{t('report.title')}</h2>
        <p className="notice notice--info">{t('report.notAllowed')}</p>
      </section>
    );
  }

  const show = async (e: FormEvent) => {
    e.preventDefault();
    if (!subject) return setLoad({ state: 'error', message: t('report.pickSubject') });
    setLoad({ state: 'loading' });
    try {
      setLoad({ state: 'ready', report: await fetchReport(server, subject, quarter) });
    } catch (err) {
      const message = err instanceof ReportError && err.kind === 'refused' ? t('report.refused', { reason: err.message }) : t('report.offline');
      setLoad({ state: 'error', message });
    }
  };

  const download = async (r: QuarterReport, format: ExportFormat) => {
    setBusy(format);
    setExportError('');
    try {
      saveBlob(await exportBlob(r, format, lang), fileName(r, format));
    } catch (err) {
      setExportError(t('report.exportFailed', { message: (err as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  const errorId = load.state === 'error' ? 'report-error' : undefined;
  return (
    <section aria-labelledby="report-title" className="report">
      <h2 id="report-title">{t('report.title')}</h2>
      <p>{t('report.intro')}</p>
      <form onSubmit={(e) => void show(e)} className="report-form" aria-describedby={errorId}>
        <div className="field">
          <label htmlFor="report-quarter">{t('report.quarter')}</label>
          <select id="report-quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            {quarters.map((q) => (
              <option key={q} value={q}>
                {quarterLabel(q, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${load.state === 'error' ? ' field--invalid' : ''}`}>
          <label htmlFor="report-subject">{t('report.subject')}</label>
          <select id="report-subject" value={subject} onChange={(e) => setSubject(e.target.value as SubjectKey)} aria-invalid={load.state === 'error' ? true : undefined} aria-describedby={errorId}>
            <optgroup label={t('report.regions')}>
              {regions.map((r) => (
                <option key={r} value={`region:${r}`}>
                  {regionName(session, r)}
                </option>
              ))}
            </optgroup>
            {alliances.length > 0 ? (
              <optgroup label={t('report.alliances')}>
                {alliances.map((a) => (
                  <option key={a.id} value={`alliance:${a.id}`}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          {load.state === 'error' ? (
            <p id="report-error" className="field-error" role="alert">
              {load.message}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--primary" disabled={load.state === 'loading'}>
          {t('report.show')}
        </button>
      </form>
      {load.state === 'loading' ? (
        <p className="muted" role="status">
          <progress aria-label={t('report.loading')} /> {t('report.loading')}
        </p>
      ) : null}
      {load.state === 'idle' ? <p className="muted">{t('report.empty')}</p> : null}
      {load.state === 'ready' ? (
        <article aria-labelledby="report-heading">
          <h3 id="report-heading">
            {t(load.report.scope === 'alliance' ? 'report.headingAlliance' : 'report.headingRegion', { name: load.report.name, quarter: quarterLabel(load.report.quarter, lang) })}
          </h3>
          <p className="muted">
            {t('report.made', { date: new Date(load.report.generatedAt).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB') })}
            {load.report.suppressBelow !== null ? ` ${t('report.suppressed', { n: load.report.suppressBelow })}` : ''}
          </p>
          <div className="report-actions" role="group" aria-label={t('report.download')}>
            {(['pdf', 'csv', 'xlsx'] as const).map((f) => (
              <button key={f} type="button" className="button" disabled={busy !== null} onClick={() => void download(load.report, f)}>
                {t(`report.as.${f}`)}
              </button>
            ))}
            {busy ? (
              <span role="status">
                {' '}
                <progress aria-label={t('report.making')} /> {t('report.making')}
              </span>
            ) : null}
            {exportError ? (
              <p className="field-error" role="alert">
                {exportError}
              </p>
            ) : null}
          </div>
          <ReportTableView table={reportTable(load.report, lang)} />
        </article>
      ) : null}
    </section>
  );
}
