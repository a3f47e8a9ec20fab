import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_KINDS } from '../../../shared';
import { canEdit, regionName } from '../../app/session';
import { useApp } from '../../app/store';
import type { FileSectionProps } from '../candidates/fileSections';
import { addNote, checkNote, noteRegion, type NoteInput } from './actions';

const EMPTY: NoteInput = { text: '', kind: '', visibility: 'shared' };

/** Typed text survives a reload or a crash: drafts live in localStorage per user and candidate. */
function draftKey(user: string, candidateId: string): string {
  return `regiodesk.noteDraft.${user}.${candidateId}`;
}

/** Saved on every keystroke (not in an effect: the draft follows what the user did). */
function saveDraft(key: string, input: NoteInput): void {
  try {
    if (input.text || input.kind) globalThis.localStorage?.setItem(key, JSON.stringify(input));
    else globalThis.localStorage?.removeItem(key);
  } catch {
    /* storage full or blocked: the text stays in the form */
  }
}

function loadDraft(key: string): NoteInput {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<NoteInput>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Write a note (shared with every linked region) or a comment (this region only). */
export function NoteComposer({ c, db, user, region }: FileSectionProps) {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const key = draftKey(user, c.id);
  const [input, setInput] = useState<NoteInput>(() => loadDraft(key));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const home = session ? noteRegion(c, region, (r) => canEdit(session, r)) : null;


  if (!home || !session) return null;
  const set = (patch: Partial<NoteInput>) => {
    const next = { ...input, ...patch };
    setInput(next);
    saveDraft(key, next);
    setSaved(false);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = checkNote(input);
    if (problem) {
      setError(t(`validation.${problem.text}`));
      document.getElementById('note-text')?.focus();
      return;
    }
    try {
      await addNote(db, c, home, input, user);
      setInput({ ...EMPTY, visibility: input.visibility });
      saveDraft(key, EMPTY);
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const others = c.regions.filter((r) => r !== home).map((r) => regionName(session, r));

  return (
    <form className="note-composer" onSubmit={(e) => void submit(e)} aria-labelledby="note-composer-title" noValidate>
      <h4 id="note-composer-title">{t('notes.add')}</h4>
      <fieldset className="inline-choices">
        <legend>{t('notes.visibility')}</legend>
        <label className="check">
          <input type="radio" name="note-visibility" value="shared" checked={input.visibility === 'shared'} onChange={() => set({ visibility: 'shared' })} />
          {t('notes.shared')}
        </label>
        <label className="check">
          <input type="radio" name="note-visibility" value="region" checked={input.visibility === 'region'} onChange={() => set({ visibility: 'region' })} />
          {t('notes.private', { region: regionName(session, home) })}
        </label>
      </fieldset>
      <p className="field-hint" id="note-visibility-hint">
        {input.visibility === 'shared'
          ? others.length
            ? t('notes.sharedHint', { regions: others.join(', ') })
            : t('notes.sharedHintAlone')
          : t('notes.privateHint', { region: regionName(session, home) })}
      </p>
      <div className="field">
        <label htmlFor="note-kind">{t('notes.kind')}</label>
        <select id="note-kind" value={input.kind} onChange={(e) => set({ kind: e.target.value as NoteInput['kind'] })}>
          <option value="">{t('notes.noKind')}</option>
          {NOTE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`notes.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={`field field--wide${error ? ' field--invalid' : ''}`}>
        <label htmlFor="note-text">{t('notes.text')}</label>
        <textarea
          id="note-text"
          rows={3}
          value={input.text}
          maxLength={10_000}
          onChange={(e) => set({ text: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? 'note-text-error' : '', 'note-visibility-hint'].filter(Boolean).join(' ')}
        />
        {error ? (
          <p id="note-text-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary">
          {input.visibility === 'shared' ? t('notes.saveNote') : t('notes.saveComment')}
        </button>
        {saved ? (
          <span role="status" className="muted">
            {t('notes.saved')}
          </span>
        ) : null}
      </div>
    </form>
  );
}
