import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CODED_TARGETS, defaultValueMaps, IMPORT_TARGETS, labelOf, mappingProblems, TERMS_OF, toCsv, buildExportTable, withChoice,
  type CodedTarget, type ColumnMapping, type ImportPlan, type ImportTarget, type PlannedRow, type ValueMaps,
} from '../../../shared';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { newId } from '../../platform/bridge';
import { writeBatch, type ImportBatch } from './batch';
import { ImportWorkerClient } from './client';
import { ImportHistory } from './ImportHistory';
import { RowTable } from './RowTable';
import { saveBlob } from '../../ui/saveBlob';
import type { Preview } from './protocol';
import './import.css';

type Step = 'file' | 'columns' | 'values' | 'dryRun' | 'report';
const STEPS: Step[] = ['file', 'columns', 'values', 'dryRun', 'report'];

type Progress = { label: string; done: number; total: number } | null;

function download(name: string, text: string) {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), name);
}

/**
 * The candidate import wizard: file → columns → values → dry run → import → report. Parsing and
 * checking run in a worker; writing happens in chunks with a progress bar; the batch can be undone.
 */
export function ImportScreen() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { db, session, region } = useApp();
  const worker = useRef<ImportWorkerClient | null>(null);
  const [step, setStep] = useState<Step>('file');
  const [fileName, setFileName] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [maps, setMaps] = useState<ValueMaps>(defaultValueMaps);
  const [unknown, setUnknown] = useState<Record<CodedTarget, string[]> | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [importDuplicates, setImportDuplicates] = useState(false);
  /** Per-row choice for a duplicate (line → import it?), over the choice for all of them. */
  const [dupOverride, setDupOverride] = useState<Map<number, boolean>>(new Map());
  const [progress, setProgress] = useState<Progress>(null);
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [writeError, setWriteError] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => headingRef.current?.focus(), [step]);

  const client = () => (worker.current ??= new ImportWorkerClient());
  const fileProblem = (e: unknown) => {
    const problem = (e as { problem?: string }).problem ?? 'internal';
    return t(`import.fileErrors.${problem}`, { detail: e instanceof Error ? e.message : String(e) });
  };

  const reset = () => {
    setStep('file');
    setPreview(null);
    setPlan(null);
    setBatch(null);
    setUnknown(null);
    setDupOverride(new Map());
    setImportDuplicates(false);
    setMaps(defaultValueMaps());
    setChosen(new Set());
    setWriteError(null);
    setFileError(null);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    reset();
    setFileName(file.name);
    setProgress({ label: t('import.reading'), done: 0, total: 0 });
    try {
      // Checked here as well as in the worker: a 500 MB file should not even be read into memory.
      if (file.size > 25 * 1024 * 1024) throw Object.assign(new Error('tooLarge'), { problem: 'tooLarge' });
      const bytes = await file.arrayBuffer();
      const m = await client().request<'parsed'>({ type: 'parse', bytes, name: file.name }, [bytes]);
      setPreview(m.preview);
      setMapping(m.preview.mapping);
      setStep('columns');
    } catch (e) {
      setFileError(fileProblem(e));
    } finally {
      setProgress(null);
    }
  };

  const problems = useMemo(() => mappingProblems(mapping), [mapping]);

  const toValues = async () => {
    const m = await client().request<'unknown'>({ type: 'unknown', mapping, maps });
    setUnknown(m.values);
    setStep('values');
  };

  const toDryRun = async () => {
    if (!db || !session || !region) return;
    setProgress({ label: 'planning', done: 0, total: preview?.rowCount ?? 0 });
    try {
      const docs = await db.candidates.find().exec();
      const existing = docs.map((d) => ({ id: d.id, firstName: d.firstName, lastName: d.lastName, email: d.email, phone: d.phone, dateOfBirth: d.dateOfBirth }));
      const c = client();
      c.onProgress = (done, total) => setProgress({ label: 'planning', done, total });
      const m = await c.request<'planned'>({ type: 'plan', mapping, maps, existing, region, user: session.user, now: new Date().toISOString(), fileName });
      setPlan(m.plan);
      setStep('dryRun');
    } catch (e) {
      setWriteError(fileProblem(e));
    } finally {
      setProgress(null);
    }
  };

  const importsDuplicate = (r: PlannedRow) => dupOverride.get(r.line) ?? importDuplicates;
  const toImport = (p: ImportPlan) => p.rows.filter((r) => r.status === 'ok' || (r.status === 'duplicate' && importsDuplicate(r)));

  const runImport = async () => {
    if (!db || !session || !region || !plan) return;
    const rows = toImport(plan);
    const dupsImported = rows.filter((r) => r.status === 'duplicate').length;
    setWriteError(null);
    setProgress({ label: 'importing', done: 0, total: rows.length });
    try {
      const b = await writeBatch(
        db,
        rows.map((r) => ({ candidate: r.candidate!, notes: r.notes ?? [] })),
        {
          batchId: newId(), fileName, user: session.user, region, now: new Date().toISOString(),
          counts: {
            duplicatesImported: dupsImported,
            duplicatesSkipped: plan.counts.duplicate - dupsImported,
            rejected: plan.counts.rejected,
          },
          onProgress: (done, total) => setProgress({ label: 'importing', done, total }),
        },
      );
      setBatch(b);
      setStep('report');
      setHistoryKey((k) => k + 1);
    } catch (e) {
      setWriteError(t('import.fileErrors.write', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setProgress(null);
    }
  };

  const reasonOf = (r: PlannedRow) => {
    if (r.status === 'duplicate') {
      const rule = t(`import.rules.${r.duplicateRule}`);
      return r.duplicateOf?.startsWith('line:') ? t('import.duplicateOfLine', { line: r.duplicateOf.slice(5), rule }) : t('import.duplicateOfExisting', { rule });
    }
    return Object.entries(r.errors ?? {})
      .map(([field, code]) => {
        const label = (IMPORT_TARGETS as readonly string[]).includes(field.split('.')[0]!) ? t(`import.targets.${field.split('.')[0]}`) : field;
        const msg = code === 'unknownValue' ? t('import.errors.unknownValue') : t(`validation.${code}`, { defaultValue: code });
        return `${label}: ${msg}`;
      })
      .join('; ');
  };

  const downloadReport = () => {
    if (!plan) return;
    const rows = plan.rows.filter((r) => r.status !== 'ok');
    const table = buildExportTable(rows, [
      { key: 'line', header: t('import.line'), type: 'text', value: (r) => String(r.line) },
      { key: 'name', header: t('import.name'), type: 'text', value: (r) => r.name },
      { key: 'status', header: t('import.status'), type: 'text', value: (r) => t(`import.statuses.${r.status}`) },
      { key: 'reason', header: t('import.reason'), type: 'text', value: reasonOf },
    ]);
    download(`importverslag-${fileName.replace(/\.[^.]+$/, '')}.csv`, toCsv(table));
  };

  if (!db || !session || !region) return null;
  const stepIndex = STEPS.indexOf(step);
  // A failed write (planning or importing) is shown under the step that ran it.
  const writeErrorNote = writeError ? (
    <p className="notice notice--error" role="alert">
      {writeError}
    </p>
  ) : null;
  const progressBar = progress ? (
    <div className="import-progress">
      <label>
        {progress.label === 'planning'
          ? t('import.planning', progress)
          : progress.label === 'importing'
            ? t('import.importing', progress)
            : progress.label}{' '}
        <progress max={progress.total || undefined} value={progress.total ? progress.done : undefined} />
      </label>
    </div>
  ) : null;

  const unknownCount = unknown ? CODED_TARGETS.reduce((n, f) => n + unknown[f].length, 0) : 0;

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

      {step === 'file' ? (
        <div className="field">
          <p>{t('import.intro')}</p>
          <label htmlFor="import-file">{t('import.fileLabel')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint import-file-error"
            aria-invalid={!!fileError}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          <p id="import-file-hint" className="field-hint">
            {t('import.fileHint')}
          </p>
          {fileError ? (
            <p id="import-file-error" className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
          {progressBar}
        </div>
      ) : null}

      {step === 'columns' && preview ? (
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
                      value={mapping[i] ?? ''}
                      onChange={(e) => setMapping((m) => m.map((x, j) => (j === i ? ((e.target.value || null) as ImportTarget | null) : x)))}
                    >
                      <option value="">{t('import.ignore')}</option>
                      {IMPORT_TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {t(`import.targets.${target}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{preview.sample.find((r) => r[i])?.[i] ? t('import.example', { value: preview.sample.find((r) => r[i])![i]!.slice(0, 60) }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {problems.length ? (
            <ul className="field-error" role="alert">
              {problems.map((p) => (
                <li key={p}>{p.startsWith('duplicateTarget:') ? t('import.problems.duplicateTarget', { field: t(`import.targets.${p.split(':')[1]}`) }) : t(`import.problems.${p}`)}</li>
              ))}
            </ul>
          ) : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={reset}>
              {t('import.back')}
            </button>
            <button type="button" className="button button--primary" disabled={problems.length > 0} onClick={() => void toValues()}>
              {t('import.next')}
            </button>
          </div>
        </div>
      ) : null}

      {step === 'values' && unknown ? (
        <div>
          {unknownCount === 0 ? <p>{t('import.valuesNone')}</p> : <p>{t('import.valuesIntro')}</p>}
          {CODED_TARGETS.flatMap((field) =>
            unknown[field].map((value) => {
              const id = `value-${field}-${value}`;
              const key = `${field}|${value}`;
              return (
                <div className="field" key={key}>
                  <label htmlFor={id}>{t('import.valueFor', { field: t(`import.targets.${field}`), value })}</label>
                  <select
                    id={id}
                    defaultValue="__unchosen"
                    onChange={(e) => {
                      const v = e.target.value;
                      if (v === '__unchosen') return;
                      setMaps((m) => withChoice(m, field, value, v === '__empty' ? null : v));
                      setChosen((s) => new Set(s).add(key));
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
          {chosen.size < unknownCount ? <p className="field-hint">{t('import.valuesMissing')}</p> : null}
          {writeErrorNote}
          {progressBar}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setStep('columns')} disabled={!!progress}>
              {t('import.back')}
            </button>
            <button type="button" className="button button--primary" onClick={() => void toDryRun()} disabled={!!progress}>
              {t('import.next')}
            </button>
          </div>
        </div>
      ) : null}

      {step === 'dryRun' && plan ? (
        <div>
          <p>{t('import.dryRunIntro')}</p>
          <p className="import-summary" data-testid="import-summary">
            {t('import.summary', plan.counts)}
          </p>
          {plan.counts.duplicate > 0 ? (
            <fieldset className="field--group">
              <legend>{t('import.duplicatesChoice')}</legend>
              <label className="check">
                <input type="radio" name="dups" checked={!importDuplicates} onChange={() => (setImportDuplicates(false), setDupOverride(new Map()))} /> {t('import.skipDuplicates')}
              </label>
              <label className="check">
                <input type="radio" name="dups" checked={importDuplicates} onChange={() => (setImportDuplicates(true), setDupOverride(new Map()))} /> {t('import.importDuplicates')}
              </label>
            </fieldset>
          ) : null}
          <RowTable
            rows={plan.rows.filter((r) => r.status !== 'ok')}
            reasonOf={reasonOf}
            choose={{ isChosen: importsDuplicate, set: (line, v) => setDupOverride((m) => new Map(m).set(line, v)) }}
          />
          {writeErrorNote}
          {progressBar}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setStep('values')} disabled={!!progress}>
              {t('import.back')}
            </button>
            {toImport(plan).length > 0 ? (
              <button type="button" className="button button--primary" onClick={() => void runImport()} disabled={!!progress}>
                {t('import.start', { count: toImport(plan).length })}
              </button>
            ) : (
              <span className="muted">{t('import.nothingToImport')}</span>
            )}
          </div>
        </div>
      ) : null}

      {step === 'report' && plan && batch ? (
        <div>
          <p className="notice notice--success" role="status" data-testid="import-report">
            {t('import.reportSummary', { created: batch.counts.created, notes: batch.noteIds.length, duplicates: plan.counts.duplicate, rejected: plan.counts.rejected })}
          </p>
          {batch.counts.duplicatesImported ? <p>{t('import.reportDuplicatesImported', { count: batch.counts.duplicatesImported })}</p> : null}
          <RowTable rows={plan.rows.filter((r) => r.status !== 'ok')} reasonOf={reasonOf} all />
          <div className="form-actions">
            <button type="button" className="button" onClick={downloadReport}>
              {t('import.downloadReport')}
            </button>
            <button type="button" className="button button--primary" onClick={reset}>
              {t('import.another')}
            </button>
          </div>
        </div>
      ) : null}

      {step !== 'file' && step !== 'report' ? (
        <p>
          <button type="button" className="button button--link" onClick={reset} disabled={!!progress}>
            {t('import.cancel')}
          </button>
        </p>
      ) : null}

      <ImportHistory db={db} refreshKey={historyKey} />
    </section>
  );
}
