import { useTranslation } from 'react-i18next';
import { RowTable } from '../RowTable';
import type { ImportWizard } from '../useImportWizard';
import { ImportProgress, WriteError } from './ImportProgress';

/** Step 4: the dry run's counts, the rows that need attention, the choice for duplicates, and the start button. */
export function DryRunStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation();
  const plan = w.plan;
  if (!plan) return null;
  const count = w.importCount;
  return (
    <div>
      <p>{t('import.dryRunIntro')}</p>
      <p className="import-summary" data-testid="import-summary">
        {t('import.summary', plan.counts)}
      </p>
      {plan.counts.duplicate > 0 ? (
        <fieldset className="field--group">
          <legend>{t('import.duplicatesChoice')}</legend>
          <label className="check">
            <input type="radio" name="dups" checked={!w.importDuplicates} onChange={() => w.chooseAllDuplicates(false)} /> {t('import.skipDuplicates')}
          </label>
          <label className="check">
            <input type="radio" name="dups" checked={w.importDuplicates} onChange={() => w.chooseAllDuplicates(true)} /> {t('import.importDuplicates')}
          </label>
        </fieldset>
      ) : null}
      <RowTable rows={w.attention} reasonOf={w.reasonOf} choose={{ isChosen: w.importsDuplicate, set: w.chooseDuplicate }} />
      <WriteError w={w} />
      <ImportProgress w={w} />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => w.setStep('values')} disabled={!!w.progress}>
          {t('import.back')}
        </button>
        {count > 0 ? (
          <button type="button" className="button button--primary" onClick={() => void w.runImport()} disabled={!!w.progress}>
            {t('import.start', { count })}
          </button>
        ) : (
          <span className="muted">{t('import.nothingToImport')}</span>
        )}
      </div>
    </div>
  );
}
