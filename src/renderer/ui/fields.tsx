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
  /** Ids of other elements that describe the control too (e.g. a hint shared by a group). */
  describedBy?: string | undefined;
  /** Announce the error at once (role=alert): for a field checked as it changes, not on submit. */
  alertError?: boolean;
}

/** A choice of a select that is not a taxonomy term (e.g. a code labelled through i18n). */
export interface Option {
  value: string;
  label: string;
}

function describedBy(id: string, error?: string, hint?: ReactNode, extra?: string): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** What every control of a field carries so screen readers tie it to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

function controlProps(p: Pick<BaseProps, 'id' | 'error' | 'hint' | 'required' | 'describedBy'>): ControlProps {
  return {
    id: p.id,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': describedBy(p.id, p.error, p.hint, p.describedBy),
    'aria-required': p.required || undefined,
  };
}

function FieldMessages({ id, error, hint, alertError }: { id: string; error?: string | undefined; hint?: ReactNode; alertError?: boolean | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role={alertError ? 'alert' : undefined}>
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

/**
 * Label, control, hint and error message of one field: the shell every field below uses, and the
 * one to use for a control of its own (a picker, a combobox): `children` gets the aria props.
 */
export function Field(
  props: Omit<BaseProps, 'name'> & {
    wide?: boolean;
    hidden?: boolean;
    children: (control: ControlProps) => ReactNode;
  },
) {
  const { id, label, error, hint, required, wide, hidden, alertError, children } = props;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${wide ? ' field--wide' : ''}`} hidden={hidden}>
      <label htmlFor={id}>{label}</label>
      <RequiredMark required={required} />
      {children(controlProps(props))}
      <FieldMessages id={id} error={error} hint={hint} alertError={alertError} />
    </div>
  );
}

export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'tel' | 'date';
    autoComplete?: string;
    multiline?: boolean;
    /** Lines of a multiline field (default 4). */
    rows?: number;
    inputMode?: 'text' | 'email' | 'tel' | 'numeric';
    maxLength?: number;
    /** Id of a <datalist> offering suggestions. */
    list?: string;
    hidden?: boolean;
  },
) {
  const { name, value, onChange, type = 'text', multiline } = props;
  return (
    <Field {...props} wide={multiline}>
      {(aria) => {
        const common = {
          ...aria,
          name,
          value,
          'data-field': name,
          autoComplete: props.autoComplete,
          maxLength: props.maxLength,
          onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
        };
        return multiline ? <textarea rows={props.rows ?? 4} {...common} /> : <input type={type} inputMode={props.inputMode} list={props.list} {...common} />;
      }}
    </Field>
  );
}

export function SelectField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    /** Taxonomy terms, labelled in the current language; or `options` labelled by the caller. */
    terms?: readonly Term[];
    options?: readonly Option[];
    /** Text of the empty choice; omit for a field that always has a value. */
    emptyLabel?: string;
  },
) {
  const { name, value, onChange, terms, options, emptyLabel } = props;
  const locale = currentLocale();
  const choices: readonly Option[] = options ?? (terms ?? []).map((t) => ({ value: t.code, label: labelOf(terms!, t.code, locale) }));
  return (
    <Field {...props}>
      {(aria) => (
        <select {...aria} name={name} value={value} data-field={name} onChange={(e) => onChange(e.target.value)}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {choices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
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
      aria-describedby={describedBy(id, error, hint, props.describedBy)}
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
          aria-describedby={describedBy(id, error, hint, props.describedBy)}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
