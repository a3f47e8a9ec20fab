import type { ChangeEvent, ReactNode } from 'react';
import type { Term } from '../../shared';
import { labelOf } from '../../shared';
import { currentLocale } from '../i18n';

interface BaseProps {
  id: string;
  name: string;
  label: string;
  error?: string | undefined;
  required?: boolean;
  hint?: ReactNode;
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldMessages({ id, error, hint }: { id: string; error?: string | undefined; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

function RequiredMark({ required }: { required?: boolean | undefined }) {
  return required ? (
    <span className="required-mark" aria-hidden="true">
      *
    </span>
  ) : null;
}

export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'tel' | 'date';
    autoComplete?: string;
    multiline?: boolean;
    inputMode?: 'text' | 'email' | 'tel' | 'numeric';
    maxLength?: number;
  },
) {
  const { id, name, label, error, hint, required, value, onChange, type = 'text', multiline } = props;
  const common = {
    id,
    name,
    value,
    'data-field': name,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy(id, error, hint),
    'aria-required': required || undefined,
    autoComplete: props.autoComplete,
    maxLength: props.maxLength,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
  };
  return (
    <div className={`field${error ? ' field--invalid' : ''}${multiline ? ' field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <RequiredMark required={required} />
      {multiline ? <textarea rows={4} {...common} /> : <input type={type} inputMode={props.inputMode} {...common} />}
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function SelectField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    terms: readonly Term[];
    /** Text of the empty choice; omit for a field that always has a value. */
    emptyLabel?: string;
  },
) {
  const { id, name, label, error, hint, required, value, onChange, terms, emptyLabel } = props;
  const locale = currentLocale();
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <RequiredMark required={required} />
      <select
        id={id}
        name={name}
        value={value}
        data-field={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        aria-required={required || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {terms.map((t) => (
          <option key={t.code} value={t.code}>
            {labelOf(terms, t.code, locale)}
          </option>
        ))}
      </select>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxGroup(
  props: BaseProps & { value: string[]; onChange: (value: string[]) => void; terms: readonly Term[] },
) {
  const { id, name, label, error, hint, value, onChange, terms } = props;
  const locale = currentLocale();
  const toggle = (code: string, on: boolean) => {
    // Keep taxonomy order so stored lists are stable.
    const next = new Set(value);
    if (on) next.add(code);
    else next.delete(code);
    onChange(terms.map((t) => t.code).filter((c) => next.has(c)));
  };
  return (
    <fieldset
      className={`field field--group${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(id, error, hint)}
      aria-invalid={error ? true : undefined}
    >
      <legend>{label}</legend>
      <div className="checks">
        {terms.map((t, i) => (
          <label key={t.code} className="check">
            <input
              type="checkbox"
              name={name}
              value={t.code}
              id={i === 0 ? id : `${id}-${t.code}`}
              data-field={i === 0 ? name : undefined}
              checked={value.includes(t.code)}
              onChange={(e) => toggle(t.code, e.target.checked)}
            />
            <span>{labelOf(terms, t.code, locale)}</span>
          </label>
        ))}
      </div>
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}

export function Checkbox(props: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const { id, name, label, error, hint, checked, onChange } = props;
  return (
    <div className={`field field--wide field--check${error ? ' field--invalid' : ''}`}>
      <div className="check">
        <input
          type="checkbox"
          id={id}
          name={name}
          data-field={name}
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
