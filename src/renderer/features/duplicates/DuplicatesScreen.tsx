import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultChoice, findDuplicateGroups, keepOrder, MERGE_FIELDS, type Candidate, type MergeChoice, type MergeField } from '../../../shared';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { useCandidateDocs } from '../candidates/docs';
import { cellText } from '../candidates/cells';
import { inRegion } from '../candidates/list';
import { mergeInto } from './actions';

function shown(c: Candidate, f: MergeField, locale: 'nl' | 'en'): string {
  if (f === 'consent') return c.consent.given ? '✓' : '✗';
  if (f === 'firstName' || f === 'lastName' || f === 'dateOfBirth' || f === 'address' || f === 'motivation') return String(c[f] ?? '');
  return cellText(c, f as never, locale);
}

/**
 * Likely duplicates in the region (same e-mail, phone, or name and date of birth), merged with a
 * choice per field. The notes, tasks, contacts and registrations of all records are kept.
 */
export function DuplicatesScreen() {
  const { t } = useTranslation();
  const { db, region, session } = useApp();
  const all = useCandidateDocs(db);
  const [message, setMessage] = useState<string | null>(null);
  const groups = useMemo(() => {
    const mine = (all ?? []).filter((c) => region && inRegion(c, region));
    const byId = new Map(mine.map((c) => [c.id, c]));
    return findDuplicateGroups(mine).map((g) => ({ ...g, candidates: keepOrder(g.ids.map((id) => byId.get(id)!)) }));
  }, [all, region]);

  if (!db || !session) return null;
  return (
    <section aria-labelledby="dups-title">
      <h2 id="dups-title">{t('duplicates.title')}</h2>
      <p>{t('duplicates.intro')}</p>
      {message ? (
        <p className="notice notice--success" role="status">
          {message}
        </p>
      ) : null}
      {all === null ? <p className="muted">{t('app.loading')}</p> : null}
      {all !== null && groups.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('duplicates.none')}</p>
          <p>{t('duplicates.noneHint')}</p>
        </div>
      ) : null}
      {groups.map((g) => (
        <MergeGroup
          key={g.ids.join('|')}
          candidates={g.candidates}
          rules={g.rules}
          onMerge={async (keepId, choice) => {
            const others = g.ids.filter((id) => id !== keepId);
            const { moved } = await mergeInto(db, keepId, others, choice, session.user);
            setMessage(t('duplicates.merged', { count: others.length, moved }));
          }}
        />
      ))}
    </section>
  );
}

function MergeGroup({ candidates, rules, onMerge }: { candidates: Candidate[]; rules: string[]; onMerge: (keepId: string, choice: MergeChoice) => Promise<void> }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [keepId, setKeepId] = useState(candidates[0]!.id);
  const keep = candidates.find((c) => c.id === keepId) ?? candidates[0]!;
  const [choice, setChoice] = useState<MergeChoice>(() => defaultChoice(keep, candidates.filter((c) => c.id !== keep.id)));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = `${candidates[0]!.firstName} ${candidates[0]!.lastName}`;
  const fields = MERGE_FIELDS.filter((f) => new Set(candidates.map((c) => shown(c, f, locale))).size > 1 || f === 'firstName' || f === 'lastName');

  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      await onMerge(keep.id, choice);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <fieldset className="section dup-group" data-testid="duplicate-group">
      <legend>
        {title} · {rules.map((r) => t(`duplicates.rules.${r}`)).join(', ')}
      </legend>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('duplicates.field')}</th>
            {candidates.map((c) => (
              <th scope="col" key={c.id}>
                <label className="check">
                  <input
                    type="radio"
                    name={`keep-${candidates[0]!.id}`}
                    checked={keep.id === c.id}
                    onChange={() => {
                      setKeepId(c.id);
                      setChoice(defaultChoice(c, candidates.filter((o) => o.id !== c.id)));
                    }}
                  />{' '}
                  {t('duplicates.keep', { created: c.createdAt.slice(0, 10) })}
                </label>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f}>
              <th scope="row">{t(`duplicates.fields.${f}`)}</th>
              {candidates.map((c) => (
                <td key={c.id}>
                  <label className="check">
                    <input
                      type="radio"
                      name={`${candidates[0]!.id}-${f}`}
                      aria-label={`${t(`duplicates.fields.${f}`)}: ${shown(c, f, locale) || t('duplicates.empty')}`}
                      checked={(choice[f] ?? keep.id) === c.id}
                      onChange={() => setChoice((ch) => ({ ...ch, [f]: c.id }))}
                    />{' '}
                    {shown(c, f, locale) || <span className="muted">{t('duplicates.empty')}</span>}
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <p role="alertdialog" aria-label={t('duplicates.confirm', { count: candidates.length - 1 })} className="notice notice--info">
          {t('duplicates.confirm', { count: candidates.length - 1 })}{' '}
          <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void merge()}>
            {t('duplicates.confirmYes')}
          </button>{' '}
          <button type="button" className="button button--small" autoFocus onClick={() => setConfirming(false)}>
            {t('duplicates.confirmNo')}
          </button>
        </p>
      ) : (
        <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>
          {t('duplicates.merge')}
        </button>
      )}
    </fieldset>
  );
}
