import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildExportTable, type Candidate, type ViewFieldKey } from '../../../shared';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { useView } from '../views/viewState';
import { candidateColumns } from './columns';
import { csvBlob, saveBlob, xlsxBlob } from './files';
import { logExport } from './log';

/**
 * Exports the current view (or the selection, when there is one) with the view's columns, as
 * CSV for Dutch Excel or as XLSX. Every export is logged (who, when, what).
 */
export function ExportButton({ rows, columns }: { rows: readonly Candidate[]; columns: readonly ViewFieldKey[] }) {
  const { t } = useTranslation();
  const { db, session, region } = useApp();
  const selected = useView((s) => s.selected);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!db || !session || !region) return null;
  const chosen = selected.size > 0 ? rows.filter((c) => selected.has(c.id)) : rows;

  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const locale = currentLocale();
      const cols = columns.length ? columns : (['name'] as ViewFieldKey[]);
      const table = buildExportTable(chosen, candidateColumns(cols, locale, (f) => t(`views.fields.${f}`, { defaultValue: f })));
      const stamp = new Date().toISOString().slice(0, 10);
      const name = `kandidaten-${region}-${stamp}.${format}`;
      const blob = format === 'csv' ? csvBlob(table) : await xlsxBlob(table, t('export.sheet'));
      saveBlob(blob, name);
      const entry = await logExport(db, session.server, { at: new Date().toISOString(), user: session.user, region, format, rows: chosen.length, columns: [...cols] });
      setMessage(t(entry.reported ? 'export.done' : 'export.doneLocal', { count: chosen.length, name }));
    } catch (e) {
      setError(t('export.failed', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div role="group" aria-label={t('export.label', { count: chosen.length })} className="export-group">
      <button type="button" className="button button--small" disabled={busy || chosen.length === 0} onClick={() => void run('csv')}>
        {t('export.csv')}
      </button>{' '}
      <button type="button" className="button button--small" disabled={busy || chosen.length === 0} onClick={() => void run('xlsx')}>
        {t('export.xlsx')}
      </button>
      {message ? (
        <span className="muted" role="status">
          {' '}
          {message}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </div>
  );
}
