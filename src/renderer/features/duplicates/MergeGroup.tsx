import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface MergeRecord {
  id: string;
  /** The label of its "keep this one" choice. */
  keepLabel: string;
}

export interface MergeRow {
  key: string;
  label: string;
  /** The field's value as shown, per record id. */
  shown: (id: string) => string;
}

interface Props {
  title: string;
  rules: string;
  records: MergeRecord[];
  rows: MergeRow[];
  defaultChoice: (keepId: string) => Record<string, string>;
  /** False when the kept record cannot take other values (a reference organisation): the table then only shows. */
  choosable: (keepId: string) => boolean;
  lockedHint?: string;
  confirmText: (keepId: string) => string;
  onMerge: (keepId: string, choice: Record<string, string>) => Promise<void>;
}

/**
 * One group of likely duplicates (candidates or organisations): which record is kept, and per
 * field whose value survives; merging asks for confirmation first.
 */
export function MergeGroup({ title, rules, records, rows, defaultChoice, choosable, lockedHint, confirmText, onMerge }: Props) {
  const { t } = useTranslation();
  const first = records[0]!.id;
  const [keepId, setKeepId] = useState(first);
  const [choice, setChoice] = useState<Record<string, string>>(() => defaultChoice(first));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const free = choosable(keepId);

  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      await onMerge(keepId, choice);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <fieldset className="section dup-group" data-testid="duplicate-group">
      <legend>
        {title} · {rules}
      </legend>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('duplicates.field')}</th>
            {records.map((r) => (
              <th scope="col" key={r.id}>
                <label className="check">
                  <input
                    type="radio"
                    name={`keep-${first}`}
                    checked={keepId === r.id}
                    onChange={() => {
                      setKeepId(r.id);
                      setChoice(defaultChoice(r.id));
                    }}
                  />{' '}
                  {r.keepLabel}
                </label>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              {records.map((r) => (
                <td key={r.id}>
                  <label className="check">
                    <input
                      type="radio"
                      name={`${first}-${f.key}`}
                      aria-label={`${f.label}: ${f.shown(r.id) || t('duplicates.empty')}`}
                      disabled={!free}
                      checked={free ? (choice[f.key] ?? keepId) === r.id : r.id === keepId}
                      onChange={() => setChoice((ch) => ({ ...ch, [f.key]: r.id }))}
                    />{' '}
                    {f.shown(r.id) || <span className="muted">{t('duplicates.empty')}</span>}
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!free && lockedHint ? <p className="muted">{lockedHint}</p> : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <p role="alertdialog" aria-label={confirmText(keepId)} className="notice notice--info">
          {confirmText(keepId)}{' '}
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
