import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type Activity } from '../../../shared';
import { browserStore } from '../../app/session';
import { navigate, setNotice, useApp } from '../../app/store';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorNotice } from '../../ui/Notice';
import { activityFromForm, EMPTY_ACTIVITY, formOfActivity, newActivityId, saveActivity, type ActivityFormValues } from './actions';
import { useActivity } from './hooks';

const drafts = browserStore('local');
const draftKey = (user: string, target: string) => `regiodesk.activityDraft.${user}.${target}`;

/** New activity or edit: every field kept as typed (draft) until saved or cancelled. */
export function ActivityForm({ id }: { id: string | null }) {
  const { db } = useApp();
  const existing = useActivity(db, id ?? '-');
  if (id && existing === undefined) return null;
  return <ActivityFormInner key={id ?? 'new'} existing={id ? existing ?? undefined : undefined} />;
}

function ActivityFormInner({ existing }: { existing: Activity | undefined }) {
  const { t } = useTranslation();
  const { db, region, session } = useApp();
  const user = session?.user ?? '';
  const target = existing?.id ?? `new:${region}`;
  const initial = existing ? formOfActivity(existing) : EMPTY_ACTIVITY;
  const [values, setValues] = useState<ActivityFormValues>(() => {
    try {
      const raw = drafts.getItem(draftKey(user, target));
      return raw ? { ...initial, ...(JSON.parse(raw) as Partial<ActivityFormValues>) } : initial;
    } catch {
      return initial;
    }
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    drafts.setItem(draftKey(user, target), JSON.stringify(values));
  }, [values, user, target]);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[data-field="title"]')?.focus();
  }, []);

  const set = (f: keyof ActivityFormValues) => (v: string) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((e) => ({ ...e, [f]: '' }));
  };
  const err = (f: string) => (errors[f] ? t(`activities.errors.${errors[f]}`, { defaultValue: t(`validation.${errors[f]}`, { defaultValue: errors[f] }) }) : undefined);
  const field = (name: keyof ActivityFormValues) => ({ id: `act-${name}`, name, label: t(`activities.${name}`), error: err(name) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!db || !region) return;
    const r = activityFromForm(values, { id: existing?.id ?? newActivityId(), region, user, now: new Date().toISOString(), existing });
    if (!r.ok) {
      setErrors(r.errors);
      const first = Object.keys(r.errors)[0];
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    try {
      await saveActivity(db, r.value);
      drafts.removeItem(draftKey(user, target));
      navigate({ name: 'activity', id: r.value.id });
      setNotice(t('activities.saved'));
    } catch (x) {
      setSaveError(x instanceof Error ? x.message : String(x));
    }
  };
  const cancel = () => {
    if (JSON.stringify(values) !== JSON.stringify(initial) && !window.confirm(t('activities.confirmDiscard'))) return;
    drafts.removeItem(draftKey(user, target));
    navigate(existing ? { name: 'activity', id: existing.id } : { name: 'activities' });
  };

  return (
    <form ref={formRef} className="candidate-form" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && cancel()} aria-labelledby="act-form-title">
      <h2 id="act-form-title">{existing ? t('activities.editTitle', { title: existing.title }) : t('activities.newTitle')}</h2>
      <ErrorNotice text={Object.values(errors).some(Boolean) ? t('activities.invalidSummary') : null} />
      <ErrorNotice text={saveError} />
      <div className="grid">
        <TextField {...field('title')} required value={values.title} onChange={set('title')} maxLength={200} />
        <SelectField {...field('kind')} required value={values.kind} onChange={set('kind')} terms={ACTIVITY_KINDS} />
        <TextField {...field('date')} required type="date" value={values.date} onChange={set('date')} />
        <TextField {...field('startTime')} value={values.startTime} onChange={set('startTime')} hint={t('activities.timeHint')} maxLength={5} />
        <TextField {...field('endTime')} value={values.endTime} onChange={set('endTime')} maxLength={5} />
        <TextField {...field('place')} value={values.place} onChange={set('place')} maxLength={200} />
        <TextField {...field('capacity')} inputMode="numeric" value={values.capacity} onChange={set('capacity')} maxLength={6} />
        <TextField {...field('partners')} value={values.partners} onChange={set('partners')} hint={t('activities.partnersHint')} maxLength={1000} />
        <TextField {...field('description')} multiline value={values.description} onChange={set('description')} maxLength={5000} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          {t('activities.save')}
        </button>
        <button type="button" className="button" onClick={cancel}>
          {t('activities.cancel')}
        </button>
      </div>
    </form>
  );
}
