import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportHistory } from './ImportHistory';
import { ColumnsStep } from './steps/ColumnsStep';
import { DryRunStep } from './steps/DryRunStep';
import { FileStep } from './steps/FileStep';
import { ReportStep } from './steps/ReportStep';
import { ValuesStep } from './steps/ValuesStep';
import { STEPS, useImportWizard } from './useImportWizard';
import './import.css';

/**
 * The candidate import wizard: file → columns → values → dry run → import → report. One
 * component per step; their shared state and actions live in useImportWizard. The batch can be
 * undone from the history below.
 */
export function ImportScreen() {
  const { t } = useTranslation();
  const w = useImportWizard();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [w.step]);

  if (!w.ready || !w.db) return null;
  const { step } = w;
  const stepIndex = STEPS.indexOf(step);
  return (
    <section className="import" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      <ol className="import-steps" aria-label={t('import.title')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={i < stepIndex ? 'done' : undefined}>
            {t(`import.steps.${s}`)}
          </li>
        ))}
      </ol>
      <h3 ref={headingRef} tabIndex={-1} className="import-step-title">
        {t('import.stepOf', { n: stepIndex + 1, total: STEPS.length, name: t(`import.steps.${step}`) })}
      </h3>

      {step === 'file' ? <FileStep w={w} /> : null}
      {step === 'columns' ? <ColumnsStep w={w} /> : null}
      {step === 'values' ? <ValuesStep w={w} /> : null}
      {step === 'dryRun' ? <DryRunStep w={w} /> : null}
      {step === 'report' ? <ReportStep w={w} /> : null}

      {step !== 'file' && step !== 'report' ? (
        <p>
          <button type="button" className="button button--link" onClick={w.reset} disabled={!!w.progress}>
            {t('import.cancel')}
          </button>
        </p>
      ) : null}

      <ImportHistory db={w.db} refreshKey={w.historyKey} />
    </section>
  );
}
