import { useTranslation } from 'react-i18next';
import { RowTable } from '../RowTable';
import type { ImportWizard } from '../useImportWizard';

/** Step 5: what the import created, the rows left out with their reason, and the report as CSV. */
export function ReportStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation();
  const { plan, batch } = w;
  if (!plan || !batch) return null;
  return (
    <div>
      <p className="notice notice--success" role="status" data-testid="import-report">
        {t('import.reportSummary', { created: batch.counts.created, notes: batch.noteIds.length, duplicates: plan.counts.duplicate, rejected: plan.counts.rejected })}
      </p>
      {batch.counts.duplicatesImported ? <p>{t('import.reportDuplicatesImported', { count: batch.counts.duplicatesImported })}</p> : null}
      <RowTable rows={w.attention} reasonOf={w.reasonOf} all />
      <div className="form-actions">
        <button type="button" className="button" onClick={w.downloadReport}>
          {t('import.downloadReport')}
        </button>
        <button type="button" className="button button--primary" onClick={w.reset}>
          {t('import.another')}
        </button>
      </div>
    </div>
  );
}
