import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { buildSavedView, deleteView, saveView, toStored, useSavedViews } from './savedViews';
import { coerceSpec, setSpec, useView } from './viewState';

/**
 * Choose a saved view, save the current one (for yourself or shared with the region), update or
 * delete it (with undo). Saved views sync with the region like any other record.
 */
export function SavedViews({ db, region, user, editable }: { db: RegiodeskDatabase; region: string; user: string; editable: boolean }) {
  const { t } = useTranslation();
  const views = useSavedViews(db, region, user);
  const { spec, savedViewId } = useView();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; undo?: SavedView } | null>(null);
  const current = views.find((v) => v.id === savedViewId);

  const choose = (id: string) => {
    const v = views.find((x) => x.id === id);
    if (v) setSpec(coerceSpec(v.spec), v.id);
    else setSpec({}, null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('validation.required'));
      document.getElementById('saved-name')?.focus();
      return;
    }
    try {
      const view = buildSavedView({ name, shared, spec }, region, user);
      await saveView(db, view);
      setSpec({}, view.id);
      setSaving(false);
      setName('');
      setShared(false);
      setError(null);
      setMessage({ text: t('saved.saved', { name: view.name }) });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="saved-views">
      <div className="inline-field">
        <label htmlFor="saved-view">{t('saved.choose')}</label>
        <select id="saved-view" value={current?.id ?? ''} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('saved.current')}</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
              {v.shared ? ` (${t('saved.shared')}${v.owner !== user ? `, ${t('saved.by', { owner: v.owner })}` : ''})` : ''}
            </option>
          ))}
        </select>
      </div>
      {current && current.owner === user && editable ? (
        <>
          <button type="button" className="button button--small" onClick={() => void saveView(db, { ...current, spec: toStored(spec), updatedAt: new Date().toISOString(), updatedBy: user }).then(() => setMessage({ text: t('saved.saved', { name: current.name }) }))}>
            {t('saved.update')}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={async () => {
              const gone = await deleteView(db, current.id);
              setSpec({}, null);
              if (gone) setMessage({ text: t('saved.deleted', { name: gone.name }), undo: gone });
            }}
          >
            {t('saved.delete')}
          </button>
        </>
      ) : null}
      {editable ? (
        <button type="button" className="button button--small" aria-expanded={saving} onClick={() => setSaving((s) => !s)}>
          {t('saved.save')}
        </button>
      ) : null}
      {saving ? (
        <form className="saved-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="inline-field">
            <label htmlFor="saved-name">{t('saved.name')}</label>
            <input id="saved-name" value={name} maxLength={80} aria-invalid={error ? true : undefined} aria-describedby={error ? 'saved-name-error' : undefined} onChange={(e) => setName(e.target.value)} />
          </div>
          <label className="check">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            <span>{t('saved.share')}</span>
          </label>
          <button type="submit" className="button button--primary button--small">
            {t('saved.saveButton')}
          </button>
          {error ? (
            <p id="saved-name-error" className="field-error">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
      {message ? (
        <p className="muted" role="status">
          {message.text}{' '}
          {message.undo ? (
            <button
              type="button"
              className="button button--small"
              onClick={async () => {
                await saveView(db, { ...message.undo!, updatedAt: new Date().toISOString() });
                setMessage(null);
              }}
            >
              {t('saved.undo')}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
