import { useTranslation } from 'react-i18next';
import type { ImportWizard } from '../useImportWizard';
import { ImportProgress } from './ImportProgress';

/** Step 1: choose a CSV or XLSX file; a file that cannot be read gets its message next to the field. */
export function FileStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <p>{t('import.intro')}</p>
      <label htmlFor="import-file">{t('import.fileLabel')}</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-describedby="import-file-hint import-file-error"
        aria-invalid={!!w.fileError}
        onChange={(e) => void w.onFile(e.target.files?.[0])}
      />
      <p id="import-file-hint" className="field-hint">
        {t('import.fileHint')}
      </p>
      {w.fileError ? (
        <p id="import-file-error" className="field-error" role="alert">
          {w.fileError}
        </p>
      ) : null}
      <ImportProgress w={w} />
    </div>
  );
}
