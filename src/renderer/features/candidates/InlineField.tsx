import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, type Term } from '../../../shared';
import { currentLocale } from '../../i18n';

export type InlineKind = { kind: 'text' | 'email' | 'tel' | 'date' | 'multiline' } | { kind: 'select'; terms: readonly Term[]; optional: boolean } | { kind: 'codes'; terms: readonly Term[] };

export type InlineValue = string | string[];

/**
 * One field of the file, edited where it is shown: click (or Enter) to edit, Enter or "Opslaan"
 * saves, Escape cancels. `save` returns an error message key (shown next to the field, the input
 * keeps what was typed) or null when saved.
 */
export function InlineField({
  id,
  label,
  value,
  display,
  type,
  editable,
  save,
}: {
  id: string;
  label: string;
  value: InlineValue;
  display: string;
  type: InlineKind;
  editable: boolean;
  save: (v: InlineValue) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<InlineValue>(value);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const locale = currentLocale();

  useEffect(() => {
    if (editing) inputRef.current?.focus();
    else if (wasEditing.current) buttonRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const start = () => {
    setDraft(value);
    setError(null);
    setEditing(true);
  };
  const commit = async () => {
    setBusy(true);
    const err = await save(draft);
    setBusy(false);
    if (err) setError(err);
    else setEditing(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setEditing(false);
    } else if (e.key === 'Enter' && type.kind !== 'multiline' && type.kind !== 'codes') {
      e.preventDefault();
      void commit();
    }
  };

  if (!editing) {
    return (
      <div className="fact">
        <dt id={`${id}-label`}>{label}</dt>
        <dd>
          {editable ? (
            <button ref={buttonRef} type="button" className="inline-value" aria-label={t('file.editField', { field: label, value: display })} onClick={start}>
              {display}
            </button>
          ) : (
            display
          )}
        </dd>
      </div>
    );
  }
  const common = {
    id,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  const str = typeof draft === 'string' ? draft : '';
  return (
    <div className="fact fact--editing">
      <dt>
        <label htmlFor={id}>{label}</label>
      </dt>
      <dd>
        <div className="inline-edit" onKeyDown={onKey}>
          {type.kind === 'multiline' ? (
            <textarea ref={inputRef} rows={4} {...common} value={str} onChange={(e) => setDraft(e.target.value)} />
          ) : type.kind === 'select' ? (
            <select ref={inputRef} {...common} value={str} onChange={(e) => setDraft(e.target.value)}>
              {type.optional ? <option value="">{t('form.choose')}</option> : null}
              {type.terms.map((term) => (
                <option key={term.code} value={term.code}>
                  {labelOf(type.terms, term.code, locale)}
                </option>
              ))}
            </select>
          ) : type.kind === 'codes' ? (
            <fieldset className="checks" {...common} aria-label={label}>
              {type.terms.map((term, i) => {
                const list = Array.isArray(draft) ? draft : [];
                return (
                  <label key={term.code} className="check">
                    <input
                      ref={i === 0 ? inputRef : undefined}
                      type="checkbox"
                      checked={list.includes(term.code)}
                      onChange={(e) => {
                        const next = new Set(list);
                        if (e.target.checked) next.add(term.code);
                        else next.delete(term.code);
                        setDraft(type.terms.map((x) => x.code).filter((c) => next.has(c)));
                      }}
                    />
                    <span>{labelOf(type.terms, term.code, locale)}</span>
                  </label>
                );
              })}
            </fieldset>
          ) : (
            <input ref={inputRef} type={type.kind} {...common} value={str} onChange={(e) => setDraft(e.target.value)} />
          )}
          <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void commit()}>
            {t('form.save')}
          </button>
          <button type="button" className="button button--small" onClick={() => setEditing(false)}>
            {t('form.cancel')}
          </button>
        </div>
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </dd>
    </div>
  );
}
