import Papa from 'papaparse';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_KEYS, labelOf, PHASES, type Activity, type Candidate, type Phase } from '../../../shared';
import { registerMany } from '../activities/actions';
import { useActivities } from '../activities/hooks';
import { regionName } from '../../app/session';
import { useApp } from '../../app/store';
import type { RegiodeskDatabase } from '../../db/database';
import { currentLocale } from '../../i18n';
import { setSelected, useView } from '../views/viewState';
import { moveToPhase, patchCandidates, type UndoStep } from './actions';
import { saveBlob } from '../../ui/saveBlob';
import { cellText } from './cells';

type Pending = { kind: 'phase'; to: Phase } | { kind: 'owner'; to: string } | { kind: 'region'; to: string } | { kind: 'activity'; to: Activity };

/** The selection as CSV (semicolon-separated, as Dutch Excel expects), with a BOM for accents. */
export function selectionCsv(rows: readonly Candidate[], locale: 'nl' | 'en', header: (f: string) => string): string {
  const fields = FIELD_KEYS;
  const data = rows.map((c) => fields.map((f) => cellText(c, f, locale)));
  return '\ufeff' + Papa.unparse({ fields: fields.map(header), data }, { delimiter: ';' });
}

/**
 * Bulk actions on the selected candidates: change phase, assign an owner, link to another of the
 * user's regions, export as CSV. Changes ask for confirmation first and can be undone after.
 */
export function BulkBar({
  db,
  user,
  rows,
  onDone,
}: {
  db: RegiodeskDatabase;
  user: string;
  rows: readonly Candidate[];
  onDone: (u: { message: string; steps: UndoStep[] }) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useApp((s) => s.session);
  const selected = useView((s) => s.selected);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [owner, setOwner] = useState('');
  const region = useApp((s) => s.region);
  const activities = useActivities(db, region);
  if (selected.size === 0) return null;
  // Activities still to come (or today's), soonest first: the ones people are invited to.
  const since = new Date(Date.now() - 86_400_000).toISOString();
  const upcoming = (activities ?? []).filter((a) => a.startsAt >= since);
  const ids = [...selected];
  const regions = session?.memberships.map((m) => m.region) ?? [];
  const owners = [...new Set(rows.map((c) => c.owner).concat(user))].sort();

  const describe = (p: Pending) =>
    p.kind === 'phase'
      ? t('bulk.confirmPhase', { count: ids.length, phase: labelOf(PHASES, p.to, locale) })
      : p.kind === 'owner'
        ? t('bulk.confirmOwner', { count: ids.length, owner: p.to })
        : p.kind === 'activity'
          ? t('bulk.confirmActivity', { count: ids.length, title: p.to.title })
          : t('bulk.confirmRegion', { count: ids.length, region: session ? regionName(session, p.to) : p.to });

  // What was done, in the past tense ("2 kandidaten naar fase Opleiden verplaatst."), not the question.
  const doneMessage = (p: Exclude<Pending, { kind: 'activity' }>, count: number) =>
    p.kind === 'phase'
      ? t('bulk.donePhase', { count, phase: labelOf(PHASES, p.to, locale) })
      : p.kind === 'owner'
        ? t('bulk.doneOwner', { count, owner: p.to })
        : t('bulk.doneRegion', { count, region: session ? regionName(session, p.to) : p.to });

  const run = async (p: Pending) => {
    setBusy(true);
    setError(null);
    try {
      if (p.kind === 'activity') {
        const { added, already } = await registerMany(db, p.to, ids, user);
        onDone({ message: t('bulk.doneActivity', { count: added.length, already, title: p.to.title }), steps: added.map((registration) => ({ registration })) });
        setSelected([]);
        setPending(null);
        return;
      }
      const steps =
        p.kind === 'phase'
          ? await moveToPhase(db, ids, p.to, user)
          : p.kind === 'owner'
            ? await patchCandidates(db, ids, (c) => (c.owner === p.to ? null : { owner: p.to }), user)
            : await patchCandidates(db, ids, (c) => (c.regions.includes(p.to) ? null : { regions: [...c.regions, p.to] }), user);
      onDone({ message: doneMessage(p, steps.length), steps });
      setSelected([]);
      setPending(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = () => {
    const chosen = rows.filter((c) => selected.has(c.id));
    const blob = new Blob([selectionCsv(chosen, locale, (f) => t(`views.fields.${f}`))], { type: 'text/csv;charset=utf-8' });
    saveBlob(blob, `kandidaten-${new Date().toISOString().slice(0, 10)}.csv`);
  };

  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.label')}>
      <strong>{t('bulk.selected', { count: ids.length })}</strong>
      <div className="inline-field">
        <label htmlFor="bulk-phase">{t('bulk.phase')}</label>
        <select id="bulk-phase" value="" onChange={(e) => e.target.value && setPending({ kind: 'phase', to: e.target.value as Phase })}>
          <option value="">{t('views.filter.choose')}</option>
          {PHASES.map((p) => (
            <option key={p.code} value={p.code}>
              {labelOf(PHASES, p.code, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor="bulk-owner">{t('bulk.owner')}</label>
        <input id="bulk-owner" list="bulk-owners" value={owner} onChange={(e) => setOwner(e.target.value)} className="input-narrow" />
        <datalist id="bulk-owners">
          {owners.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <button type="button" className="button button--small" disabled={!owner.trim()} onClick={() => setPending({ kind: 'owner', to: owner.trim() })}>
          {t('bulk.assign')}
        </button>
      </div>
      {regions.length > 1 ? (
        <div className="inline-field">
          <label htmlFor="bulk-region">{t('bulk.region')}</label>
          <select id="bulk-region" value="" onChange={(e) => e.target.value && setPending({ kind: 'region', to: e.target.value })}>
            <option value="">{t('views.filter.choose')}</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {session ? regionName(session, r) : r}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {upcoming.length ? (
        <div className="inline-field">
          <label htmlFor="bulk-activity">{t('bulk.activity')}</label>
          <select id="bulk-activity" value="" onChange={(e) => { const a = upcoming.find((x) => x.id === e.target.value); if (a) setPending({ kind: 'activity', to: a }); }}>
            <option value="">{t('views.filter.choose')}</option>
            {upcoming.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title} ({a.startsAt.slice(0, 10)})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="button" className="button button--small" onClick={exportCsv}>
        {t('bulk.export')}
      </button>
      <button type="button" className="button button--small" onClick={() => setSelected([])}>
        {t('bulk.clear')}
      </button>
      {pending ? (
        <div className="confirm" role="alertdialog" aria-labelledby="bulk-confirm-text">
          <p id="bulk-confirm-text">{describe(pending)}</p>
          <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void run(pending)} autoFocus>
            {t('bulk.confirm')}
          </button>
          <button type="button" className="button button--small" onClick={() => setPending(null)}>
            {t('form.cancel')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
