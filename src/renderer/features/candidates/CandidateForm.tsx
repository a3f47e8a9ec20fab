import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentConsentText, EDUCATION_LEVELS, FUNCTIONS, PHASES, ROUTES, SECTORS, SOURCES, SUBJECTS } from '../../../shared';
import { browserStore } from '../../app/session';
import { Checkbox, CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import { ErrorNotice } from '../../ui/Notice';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { firstInvalid, sameForm, type CandidateFormValues, type FormField } from './form';

const drafts = browserStore('local');

export interface CandidateFormProps {
  title: string;
  initial: CandidateFormValues;
  user: string;
  /** Where the unsaved input is kept (see draft.ts). */
  draftTarget: string;
  /** Returns message keys per invalid field, or null when the values are valid. */
  check: (values: CandidateFormValues) => Partial<Record<FormField, string>> | null;
  save: (values: CandidateFormValues) => Promise<void>;
  onCancel: () => void;
  /** Shown above the buttons, following what is typed (e.g. the duplicate hint of a new candidate). */
  aside?: (values: CandidateFormValues) => ReactNode;
}

/** The intake form, also used to edit a candidate. Validation is the shared schema's. */
export function CandidateForm({ title, initial, user, draftTarget, check, save, onCancel, aside }: CandidateFormProps) {
  const { t } = useTranslation();
  const [restored] = useState(() => loadDraft(drafts, user, draftTarget));
  const [values, setValues] = useState<CandidateFormValues>(() => restored ?? initial);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<{ field: FormField } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = !sameForm(values, initial);

  useEffect(() => {
    if (dirty) saveDraft(drafts, user, draftTarget, values);
    else clearDraft(drafts, user, draftTarget);
  }, [values, dirty, user, draftTarget]);

  useEffect(() => {
    if (!focusTarget) return;
    const el = formRef.current?.querySelector<HTMLElement>(`[data-field="${focusTarget.field}"]`);
    el?.focus();
  }, [focusTarget]);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[data-field="firstName"]')?.focus();
  }, []);

  const set = <K extends FormField>(field: K) => (value: CandidateFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (saving) return;
    setSaveError(null);
    const found = check(values);
    if (found && Object.values(found).some(Boolean)) {
      setErrors(found);
      const first = firstInvalid(found);
      if (first) setFocusTarget({ field: first });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await save(values);
      clearDraft(drafts, user, draftTarget);
    } catch (err) {
      setSaveError(t('form.saveFailed', { message: err instanceof Error ? err.message : String(err) }));
      setSaving(false);
    }
  };

  const cancel = () => {
    if (dirty && !window.confirm(t('form.confirmDiscard'))) return;
    clearDraft(drafts, user, draftTarget);
    onCancel();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'checkbox') {
      e.preventDefault();
      void submit();
    }
  };

  const err = (f: FormField) => (errors[f] ? t(`validation.${errors[f]}`) : undefined);
  const errorCount = Object.values(errors).filter(Boolean).length;
  const field = (name: FormField) => ({ id: `cand-${name}`, name, label: t(`form.${name === 'consentGiven' ? 'consent' : name}`), error: err(name) });

  return (
    <form ref={formRef} className="candidate-form" noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby="form-title">
      <h2 id="form-title">{title}</h2>
      {restored && !sameForm(restored, initial) ? <p className="notice notice--info">{t('form.draftRestored')}</p> : null}
      <ErrorNotice text={errorCount > 0 ? t('form.invalidSummary', { count: errorCount }) : null} />
      <ErrorNotice text={saveError} />

      <fieldset className="section">
        <legend>{t('form.person')}</legend>
        <div className="grid">
          <TextField {...field('firstName')} required autoComplete="off" value={values.firstName} onChange={set('firstName')} maxLength={100} />
          <TextField {...field('lastName')} required autoComplete="off" value={values.lastName} onChange={set('lastName')} maxLength={100} />
          <TextField {...field('dateOfBirth')} type="date" value={values.dateOfBirth} onChange={set('dateOfBirth')} />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>{t('form.contact')}</legend>
        <div className="grid">
          <TextField {...field('email')} type="email" inputMode="email" autoComplete="off" value={values.email} onChange={set('email')} />
          <TextField {...field('phone')} type="tel" inputMode="tel" autoComplete="off" value={values.phone} onChange={set('phone')} />
          <TextField {...field('postcode')} autoComplete="off" value={values.postcode} onChange={set('postcode')} maxLength={10} />
          <TextField {...field('place')} autoComplete="off" value={values.place} onChange={set('place')} maxLength={100} />
          <TextField {...field('address')} autoComplete="off" value={values.address} onChange={set('address')} maxLength={200} />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>{t('form.journey')}</legend>
        <div className="grid">
          <SelectField {...field('phase')} required terms={PHASES} value={values.phase} onChange={set('phase')} />
          <SelectField {...field('preferredRoute')} terms={ROUTES} emptyLabel={t('form.choose')} value={values.preferredRoute} onChange={set('preferredRoute')} />
          <SelectField {...field('source')} required terms={SOURCES} value={values.source} onChange={set('source')} />
        </div>
        <CheckboxGroup {...field('sectors')} terms={SECTORS} value={values.sectors} onChange={set('sectors')} />
        <CheckboxGroup {...field('functions')} terms={FUNCTIONS} value={values.functions} onChange={set('functions')} />
        <CheckboxGroup {...field('subjects')} terms={SUBJECTS} value={values.subjects} onChange={set('subjects')} />
      </fieldset>

      <fieldset className="section">
        <legend>{t('form.background')}</legend>
        <div className="grid">
          <TextField {...field('currentProfession')} value={values.currentProfession} onChange={set('currentProfession')} maxLength={200} />
          <SelectField {...field('educationLevel')} terms={EDUCATION_LEVELS} emptyLabel={t('form.choose')} value={values.educationLevel} onChange={set('educationLevel')} />
        </div>
        <TextField {...field('motivation')} multiline value={values.motivation} onChange={set('motivation')} maxLength={5000} />
      </fieldset>

      <fieldset className="section">
        <legend>{t('form.consentGroup')}</legend>
        <Checkbox {...field('consentGiven')} hint={currentConsentText('form')} checked={values.consentGiven} onChange={set('consentGiven')} />
      </fieldset>

      {aside?.(values)}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="button" onClick={cancel}>
          {t('form.cancel')}
        </button>
        <span className="muted">{t('form.hintKeyboard')}</span>
      </div>
    </form>
  );
}
