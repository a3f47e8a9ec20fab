import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { TextField } from '../../ui/fields';
import { ErrorNotice } from '../../ui/Notice';
import { saveRegionNote } from './regionNote';

/**
 * The region's own note about an organisation, on its page: for a reference organisation it is
 * kept in the region's database (never in the reference data, never seen by other regions).
 */
export function RegionNoteSection({ db, org, region, user, text, editable, reference }: { db: RegiodeskDatabase; org: Organisation; region: string; user: string; text: string; editable: boolean; reference: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The text an emptied note had, so its removal can be undone. */
  const [removed, setRemoved] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (draft === null) return;
    setBusy(true);
    try {
      const errs = await saveRegionNote(db, org, region, user, draft);
      if (errs) setError(errs.note ?? 'invalid');
      else {
        setRemoved(draft.trim() === '' && text ? text : null);
        setDraft(null);
        setError(null);
      }
    } catch (x) {
      setError(x instanceof Error ? x.message : String(x));
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    if (removed === null) return;
    setBusy(true);
    try {
      const errs = await saveRegionNote(db, org, region, user, removed);
      setError(errs ? (errs.note ?? 'invalid') : null);
      if (!errs) setRemoved(null);
    } catch (x) {
      setError(x instanceof Error ? x.message : String(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="org-region-note" data-testid="org-region-note">
      <h2 id="org-region-note">{t('network.regionNote.title')}</h2>
      <p className="muted">{t(reference ? 'network.regionNote.hintReference' : 'network.regionNote.hintOwn')}</p>
      {draft === null ? (
        <>
          {text ? <p className="prewrap">{text}</p> : <p className="empty-state">{t(editable ? 'network.regionNote.empty' : 'network.regionNote.emptyViewer')}</p>}
          {removed !== null ? (
            <p className="notice notice--success" aria-live="polite">
              {t('network.regionNote.removed')}{' '}
              <button type="button" className="button button--small" disabled={busy} onClick={() => void undo()}>
                {t('network.regionNote.undo')}
              </button>
            </p>
          ) : null}
          {error && draft === null ? <ErrorNotice text={t(`validation.${error}`, { defaultValue: error })} /> : null}
          {editable ? (
            <button type="button" className="button button--small" onClick={() => (setDraft(text), setRemoved(null))}>
              {t(text ? 'network.regionNote.edit' : 'network.regionNote.add')}
            </button>
          ) : null}
        </>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate aria-label={t('network.regionNote.title')} onKeyDown={(e) => e.key === 'Escape' && (setDraft(null), setError(null))}>
          <TextField
            id="org-region-note-text"
            name="note"
            label={t('network.regionNote.label')}
            multiline
            rows={4}
            maxLength={2000}
            value={draft}
            hint={t('network.regionNote.clearHint')}
            error={error ? t(`validation.${error}`, { defaultValue: error }) : undefined}
            onChange={(v) => {
              setDraft(v);
              setError(null);
            }}
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary button--small" disabled={busy}>
              {t('network.regionNote.save')}
            </button>{' '}
            <button type="button" className="button button--small" onClick={() => (setDraft(null), setError(null))}>
              {t('network.regionNote.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
