import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildExportTable, defaultValueMaps, IMPORT_TARGETS, mappingProblems, toCsv, withChoice,
  type CodedTarget, type ColumnMapping, type ImportPlan, type PlannedRow, type ValueMaps,
} from '../../../shared';
import { useApp } from '../../app/store';
import { newId } from '../../platform/bridge';
import { offerSealed, sealingKeyOf, withdrawSealed } from '../../db/encryption';
import { saveBlob } from '../../ui/saveBlob';
import { writeBatch, type ImportBatch } from './batch';
import { ImportWorkerClient } from './client';
import { markPhase } from './timing';
import type { Preview } from './protocol';

export type Step = 'file' | 'columns' | 'values' | 'dryRun' | 'report';
export const STEPS: Step[] = ['file', 'columns', 'values', 'dryRun', 'report'];

export type Progress = { label: 'reading' | 'planning' | 'importing'; done: number; total: number } | null;

/**
 * The wizard's shared state and actions, one hook for all steps: each step component renders a
 * part of it. Parsing and checking run in the worker; writing happens here in chunks.
 */
export function useImportWizard() {
  const { t } = useTranslation();
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

  useEffect(() => () => worker.current?.terminate(), []);

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
    setProgress({ label: 'reading', done: 0, total: 0 });
    const started = performance.now();
    try {
      // Checked here as well as in the worker: a 500 MB file should not even be read into memory.
      if (file.size > 25 * 1024 * 1024) throw Object.assign(new Error('tooLarge'), { problem: 'tooLarge' });
      const bytes = await file.arrayBuffer();
      const m = await client().request<'parsed'>({ type: 'parse', bytes, name: file.name }, [bytes]);
      markPhase('read', started);
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

  const choose = (field: CodedTarget, value: string, code: string | null) => {
    setMaps((m) => withChoice(m, field, value, code));
    setChosen((s) => new Set(s).add(`${field}|${value}`));
  };

  const toDryRun = async () => {
    if (!db || !session || !region) return;
    setProgress({ label: 'planning', done: 0, total: preview?.rowCount ?? 0 });
    const started = performance.now();
    try {
      // Duplicate checks run in memory over plain fields: personal fields may be encrypted at
      // rest, so they cannot be queried by selector.
      const docs = await db.candidates.find().exec();
      const existing = docs.map((d) => ({ id: d.id, firstName: d.firstName, lastName: d.lastName, email: d.email, phone: d.phone, dateOfBirth: d.dateOfBirth }));
      const c = client();
      c.onProgress = (done, total) => setProgress({ label: 'planning', done, total });
      const m = await c.request<'planned'>({ type: 'plan', mapping, maps, existing, region, user: session.user, now: new Date().toISOString(), fileName });
      // How many rows the helper worker checked: the bench prints it, the e2e test checks it.
      markPhase('plan', started, { helped: m.helped ?? 0 });
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
  // Computed once per plan, not on every render: the dry run re-renders on each progress step of
  // the write, and filtering 50,000 rows each time cost seconds (bench:import).
  const attention = useMemo(() => plan?.rows.filter((r) => r.status !== 'ok') ?? [], [plan]);
  const importCount = useMemo(
    () => (plan ? plan.counts.ok + attention.filter((r) => r.status === 'duplicate' && (dupOverride.get(r.line) ?? importDuplicates)).length : 0),
    [plan, attention, dupOverride, importDuplicates],
  );
  const chooseAllDuplicates = (v: boolean) => {
    setImportDuplicates(v);
    setDupOverride(new Map());
  };
  const chooseDuplicate = (line: number, v: boolean) => setDupOverride((m) => new Map(m).set(line, v));

  const runImport = async () => {
    if (!db || !session || !region || !plan) return;
    const rows = toImport(plan);
    const dupsImported = rows.filter((r) => r.status === 'duplicate').length;
    setWriteError(null);
    setProgress({ label: 'importing', done: 0, total: rows.length });
    // The worker seals ahead with the database's own key (posted to our worker, kept in memory only).
    const sealingKey = sealingKeyOf(db.name);
    let shown = 0;
    const started = performance.now();
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
          onProgress: (done, total) => {
            // Every chunk re-rendered the dry-run step (a list of up to 50,000 rows): a few times a second is enough for a bar.
            const now = performance.now();
            if (done < total && now - shown < 200) return;
            shown = now;
            setProgress({ label: 'importing', done, total });
          },
          prepare: sealingKey
            ? async (chunk) => offerSealed(sealingKey, await client().seal(sealingKey, chunk.map((x) => x.candidate.id)))
            : undefined,
        },
      );
      markPhase('write', started);
      setBatch(b);
      setStep('report');
      setHistoryKey((k) => k + 1);
    } catch (e) {
      setWriteError(t('import.fileErrors.write', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      if (sealingKey) withdrawSealed(sealingKey);
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
    saveBlob(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `importverslag-${fileName.replace(/\.[^.]+$/, '')}.csv`);
  };

  return {
    ready: !!(db && session && region),
    db, step, setStep, fileName, fileError, preview, mapping, setMapping, problems, unknown, chosen, plan,
    importDuplicates, progress, batch, writeError, historyKey, attention, importCount,
    reset, onFile, toValues, choose, toDryRun, importsDuplicate, toImport, chooseAllDuplicates, chooseDuplicate, runImport, reasonOf, downloadReport,
  };
}

export type ImportWizard = ReturnType<typeof useImportWizard>;
