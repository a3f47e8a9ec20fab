import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';
import { useOrganisations } from './hooks';
import { planVacancyImport, type VacancyImportPlan } from './importPlan';
import { ErrorNotice } from '../../ui/Notice';

/**
 * Import from a spreadsheet: choose a file, see what will come in (and which rows are refused,
 * with the reason per column), then confirm. Nothing is written before the confirmation.
 */
export function ImportVacancies({ db, region, user, onDone }: { db: RegiodeskDatabase; region: string; user: string; onDone: (count: number) => void }) {
  const { t } = useTranslation();
  const orgs = useOrganisations(db, region);
  const [plan, setPlan] = useState<VacancyImportPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    setPlan(null);
    setError(null);
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      // The parser pulls papaparse and read-excel-file: loaded only when someone imports.
      const { parseImportFile } = await import('../../../shared/import/parse');
      const table = await parseImportFile(new Uint8Array(await file.arrayBuffer()), file.name);
      const suffix = () => newId().replace(/-/g, '').slice(0, 16).toLowerCase();
      setPlan(planVacancyImport(table, orgs ?? [], { region, user, now: new Date().toISOString(), newId: suffix }));
    } catch (x) {
      setError(t('vacancies.import.unreadable', { reason: x instanceof Error ? x.message : String(x) }));
    }
  };

  const ok = plan?.rows.filter((r) => r.vacancy) ?? [];
  const refused = plan?.rows.filter((r) => !r.vacancy) ?? [];
  const run = async () => {
    if (!plan || ok.length === 0) return;
    setBusy(true);
    try {
      if (plan.organisations.length) await db.organisations.bulkInsert(plan.organisations);
      const r = await db.vacancies.bulkInsert(ok.map((row) => row.vacancy!));
      if (r.error.length) throw new Error(t('vacancies.import.partly', { count: r.error.length }));
      setPlan(null);
      onDone(ok.length);
    } catch (x) {
      setError(x instanceof Error ? x.message : String(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="vacancy-import">
      <summary>{t('vacancies.import.title')}</summary>
      <p className="field-hint" id="vac-import-hint">
        {t('vacancies.import.hint')}
      </p>
      <div className="field">
        <label htmlFor="vac-import-file">{t('vacancies.import.file')}</label>
        <input id="vac-import-file" type="file" accept=".csv,.txt,.xlsx,text/csv" aria-describedby="vac-import-hint" onChange={(e) => void choose(e)} />
      </div>
      <ErrorNotice text={error} />
      {plan ? (
        <div role="status">
          <p>{t('vacancies.import.summary', { ok: ok.length, refused: refused.length, orgs: plan.organisations.length })}</p>
          {refused.length ? (
            <ul className="import-refused">
              {refused.map((r) => (
                <li key={r.line}>
                  {t('vacancies.import.line', { line: r.line, title: r.title || '—' })}:{' '}
                  {Object.entries(r.errors ?? {})
                    .map(([f, k]) => `${t(`vacancies.${f}`, { defaultValue: f })}: ${t(`validation.${k}`, { defaultValue: k })}`)
                    .join('; ')}
                </li>
              ))}
            </ul>
          ) : null}
          {busy ? <progress aria-label={t('vacancies.import.busy')} /> : null}
          <button type="button" className="button button--primary" disabled={busy || ok.length === 0} onClick={() => void run()}>
            {t('vacancies.import.run', { count: ok.length })}
          </button>{' '}
          <button type="button" className="button" disabled={busy} onClick={() => setPlan(null)}>
            {t('vacancies.cancel')}
          </button>
        </div>
      ) : null}
    </details>
  );
}
