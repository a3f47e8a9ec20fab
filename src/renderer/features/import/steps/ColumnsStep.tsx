import { useTranslation } from 'react-i18next';
import { IMPORT_TARGETS, type ImportTarget } from '../../../../shared';
import type { ImportWizard } from '../useImportWizard';

/** Step 2: what was detected, and a target field per column (auto-matched, changeable). */
export function ColumnsStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation();
  const preview = w.preview;
  if (!preview) return null;
  const example = (i: number) => preview.sample.find((r) => r[i])?.[i];
  return (
    <div>
      <p>
        {t('import.detected', {
          count: preview.rowCount,
          format: preview.format.toUpperCase(),
          details: preview.format === 'csv' ? `, ${preview.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8'}, “${preview.delimiter === '\t' ? 'tab' : preview.delimiter}”` : '',
        })}
      </p>
      <p>{t('import.columnsIntro')}</p>
      <table className="table import-columns">
        <tbody>
          {preview.headers.map((h, i) => (
            <tr key={i}>
              <th scope="row">
                <label htmlFor={`map-${i}`}>{h || `#${i + 1}`}</label>
              </th>
              <td>
                <select
                  id={`map-${i}`}
                  aria-label={t('import.columnFor', { column: h || `#${i + 1}` })}
                  value={w.mapping[i] ?? ''}
                  onChange={(e) => w.setMapping((m) => m.map((x, j) => (j === i ? ((e.target.value || null) as ImportTarget | null) : x)))}
                >
                  <option value="">{t('import.ignore')}</option>
                  {IMPORT_TARGETS.map((target) => (
                    <option key={target} value={target}>
                      {t(`import.targets.${target}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">{example(i) ? t('import.example', { value: example(i)!.slice(0, 60) }) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {w.problems.length ? (
        <ul className="field-error" role="alert">
          {w.problems.map((p) => (
            <li key={p}>{p.startsWith('duplicateTarget:') ? t('import.problems.duplicateTarget', { field: t(`import.targets.${p.split(':')[1]}`) }) : t(`import.problems.${p}`)}</li>
          ))}
        </ul>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={w.reset}>
          {t('import.back')}
        </button>
        <button type="button" className="button button--primary" disabled={w.problems.length > 0} onClick={() => void w.toValues()}>
          {t('import.next')}
        </button>
      </div>
    </div>
  );
}
