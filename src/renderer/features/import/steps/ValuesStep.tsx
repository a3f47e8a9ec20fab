import { useTranslation } from 'react-i18next';
import { CODED_TARGETS, labelOf, TERMS_OF } from '../../../../shared';
import { currentLocale } from '../../../i18n';
import type { ImportWizard } from '../useImportWizard';
import { ImportProgress, WriteError } from './ImportProgress';

/** Step 3: a code of ours (or "leave empty") for each file value the value maps do not know. */
export function ValuesStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const unknown = w.unknown;
  if (!unknown) return null;
  const unknownCount = CODED_TARGETS.reduce((n, f) => n + unknown[f].length, 0);
  return (
    <div>
      {unknownCount === 0 ? <p>{t('import.valuesNone')}</p> : <p>{t('import.valuesIntro')}</p>}
      {CODED_TARGETS.flatMap((field) =>
        unknown[field].map((value) => {
          const id = `value-${field}-${value}`;
          return (
            <div className="field" key={`${field}|${value}`}>
              <label htmlFor={id}>{t('import.valueFor', { field: t(`import.targets.${field}`), value })}</label>
              <select
                id={id}
                defaultValue="__unchosen"
                onChange={(e) => {
                  const v = e.target.value;
                  if (v !== '__unchosen') w.choose(field, value, v === '__empty' ? null : v);
                }}
              >
                <option value="__unchosen">{t('import.unchosen')}</option>
                <option value="__empty">{t('import.leaveEmpty')}</option>
                {TERMS_OF[field].map((term) => (
                  <option key={term.code} value={term.code}>
                    {labelOf(TERMS_OF[field], term.code, locale)}
                  </option>
                ))}
              </select>
            </div>
          );
        }),
      )}
      {w.chosen.size < unknownCount ? <p className="field-hint">{t('import.valuesMissing')}</p> : null}
      <WriteError w={w} />
      <ImportProgress w={w} />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => w.setStep('columns')} disabled={!!w.progress}>
          {t('import.back')}
        </button>
        <button type="button" className="button button--primary" onClick={() => void w.toDryRun()} disabled={!!w.progress}>
          {t('import.next')}
        </button>
      </div>
    </div>
  );
}
