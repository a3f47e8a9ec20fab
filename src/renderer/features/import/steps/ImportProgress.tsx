import { useTranslation } from 'react-i18next';
import type { ImportWizard } from '../useImportWizard';

/** The progress bar of the running phase (reading, checking, importing), under the step that runs it. */
export function ImportProgress({ w }: { w: ImportWizard }) {
  const { t } = useTranslation();
  const p = w.progress;
  if (!p) return null;
  const label = p.label === 'planning' ? t('import.planning', p) : p.label === 'importing' ? t('import.importing', p) : t('import.reading');
  return (
    <div className="import-progress">
      <label>
        {label} <progress max={p.total || undefined} value={p.total ? p.done : undefined} />
      </label>
    </div>
  );
}

/** A failed write (planning or importing), shown under the step that ran it. */
export function WriteError({ w }: { w: ImportWizard }) {
  return w.writeError ? (
    <p className="notice notice--error" role="alert">
      {w.writeError}
    </p>
  ) : null;
}
