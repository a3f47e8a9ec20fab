import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FUNCTIONS, ROUTES, SECTORS, SUBJECTS, VACANCY_STATUSES, type Vacancy } from '../../../shared';
import { browserStore } from '../../app/session';
import { navigate, setNotice, useApp } from '../../app/store';
import { Checkbox, CheckboxGroup, Field, SelectField, TextField } from '../../ui/fields';
import { addOrganisation, checkOrganisation } from '../contacts/actions';
import { NEW_ORGANISATION as NEW_ORG, OrganisationPicker } from '../contacts/OrganisationPicker';
import { useOrganisationsWhen } from '../contacts/useOrganisationsWhen';
import { EMPTY_VACANCY, formOfVacancy, newVacancyId, saveVacancy, vacancyFromForm, type VacancyFormValues } from './actions';
import { useVacancy } from './hooks';

const drafts = browserStore('local');
const draftKey = (user: string, target: string) => `regiodesk.vacancyDraft.${user}.${target}`;

/** New vacancy or edit; what is typed stays as a draft until saved or cancelled. */
export function VacancyForm({ id }: { id: string | null }) {
  const { db } = useApp();
  const existing = useVacancy(db, id ?? '-');
  if (id && existing === undefined) return null;
  return <VacancyFormInner key={id ?? 'new'} existing={id ? existing ?? undefined : undefined} />;
}

type Values = VacancyFormValues & { newOrgName: string; newOrgPlace: string };

function VacancyFormInner({ existing }: { existing: Vacancy | undefined }) {
  const { t } = useTranslation();
  const { db, region, session } = useApp();
  const user = session?.user ?? '';
  const target = existing?.id ?? `new:${region}`;
  const initial: Values = { ...(existing ? formOfVacancy(existing) : EMPTY_VACANCY), newOrgName: '', newOrgPlace: '' };
  const [values, setValues] = useState<Values>(() => {
    try {
      const raw = drafts.getItem(draftKey(user, target));
      const draft = raw ? { ...initial, ...(JSON.parse(raw) as Partial<Values>) } : initial;
      // Drafts from before the picker marked a new organisation with '__new'.
      return draft.organisationId === '__new' ? { ...draft, organisationId: NEW_ORG } : draft;
    } catch {
      return initial;
    }
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => drafts.setItem(draftKey(user, target), JSON.stringify(values)), [values, user, target]);
  useEffect(() => formRef.current?.querySelector<HTMLElement>('[data-field="title"]')?.focus(), []);

  // The region's own and the reference organisations (DUO schools, boards, programmes), as in the
  // school-contacts form; read once the picker is used, or at once when a choice must be shown.
  const [pickerUsed, setPickerUsed] = useState(false);
  const orgs = useOrganisationsWhen(db!, region ?? '', pickerUsed || (!!values.organisationId && values.organisationId !== NEW_ORG));
  const orgName = useMemo(() => {
    const o = orgs?.find((x) => x.id === values.organisationId);
    if (o) return o.name;
    // An organisation no longer on this device (removed, or a merged duplicate) keeps the vacancy's own copy of its name.
    return existing && existing.organisationId === values.organisationId ? existing.organisationName : undefined;
  }, [orgs, values.organisationId, existing]);

  const set = <K extends keyof Values>(f: K) => (v: Values[K]) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((e) => ({ ...e, [f]: '' }));
  };
  const err = (f: string) => (errors[f] ? t(`vacancies.errors.${errors[f]}`, { defaultValue: t(`validation.${errors[f]}`, { defaultValue: errors[f] }) }) : undefined);
  const field = (name: keyof Values, label = `vacancies.${name}`) => ({ id: `vac-${name}`, name, label: t(label), error: err(name) });

  const fail = (errs: Record<string, string>) => {
    setErrors(errs);
    const first = Object.keys(errs)[0];
    // The organisation picker is no shared field component: it is found by its id.
    formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"], #vac-${first}`)?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!db || !region) return;
    const creatingOrg = values.organisationId === NEW_ORG;
    const orgInput = { name: values.newOrgName, kind: 'school' as const, place: values.newOrgPlace || values.place };
    const orgErrors = creatingOrg ? checkOrganisation(orgInput, region, user) : null;
    const r = vacancyFromForm(
      { ...values, organisationId: creatingOrg ? 'org-pending' : values.organisationId },
      { id: existing?.id ?? newVacancyId(), region, user, now: new Date().toISOString(), organisationName: creatingOrg ? values.newOrgName.trim() : orgName, existing },
    );
    if (!r.ok || orgErrors) {
      const errs: Record<string, string> = { ...(r.ok ? {} : r.errors) };
      if (orgErrors?.name) errs.newOrgName = orgErrors.name;
      if (creatingOrg) delete errs.organisationId;
      return fail(errs);
    }
    try {
      let vacancy = r.value;
      if (creatingOrg) {
        const org = await addOrganisation(db, orgInput, region, user);
        vacancy = { ...vacancy, organisationId: org.id, organisationName: org.name };
      }
      await saveVacancy(db, vacancy);
      drafts.removeItem(draftKey(user, target));
      navigate({ name: 'vacancy', id: vacancy.id });
      setNotice(t('vacancies.saved'));
    } catch (x) {
      setSaveError(x instanceof Error ? x.message : String(x));
    }
  };
  const cancel = () => {
    if (JSON.stringify(values) !== JSON.stringify(initial) && !window.confirm(t('vacancies.confirmDiscard'))) return;
    drafts.removeItem(draftKey(user, target));
    navigate(existing ? { name: 'vacancy', id: existing.id } : { name: 'vacancies' });
  };

  return (
    <form ref={formRef} className="candidate-form" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && cancel()} aria-labelledby="vac-form-title">
      <h2 id="vac-form-title">{existing ? t('vacancies.editTitle', { title: existing.title }) : t('vacancies.newTitle')}</h2>
      {Object.values(errors).some(Boolean) ? (
        <p className="notice notice--error" role="alert">
          {t('vacancies.invalidSummary')}
        </p>
      ) : null}
      {saveError ? (
        <p className="notice notice--error" role="alert">
          {saveError}
        </p>
      ) : null}
      <div className="grid">
        <TextField {...field('title')} required value={values.title} onChange={set('title')} maxLength={200} />
        <Field {...field('organisationId')} required>
          {() => (
            <OrganisationPicker
              id="vac-organisationId"
              orgs={orgs}
              home={region ?? ''}
              value={values.organisationId}
              onChange={set('organisationId')}
              onActivate={() => setPickerUsed(true)}
              errorId={errors.organisationId ? 'vac-organisationId-error' : undefined}
            />
          )}
        </Field>
        {values.organisationId === NEW_ORG ? (
          <>
            <TextField {...field('newOrgName', 'vacancies.newOrganisationName')} required value={values.newOrgName} onChange={set('newOrgName')} maxLength={200} />
            <TextField {...field('newOrgPlace', 'vacancies.newOrganisationPlace')} value={values.newOrgPlace} onChange={set('newOrgPlace')} maxLength={100} />
          </>
        ) : null}
        <SelectField {...field('function')} required value={values.function} onChange={set('function')} terms={FUNCTIONS} />
        <SelectField {...field('sector')} required value={values.sector} onChange={set('sector')} terms={SECTORS} emptyLabel="—" />
        <CheckboxGroup {...field('subjects')} value={values.subjects} onChange={set('subjects')} terms={SUBJECTS} />
        <TextField {...field('hoursPerWeek')} inputMode="numeric" value={values.hoursPerWeek} onChange={set('hoursPerWeek')} hint={t('vacancies.hoursHint')} maxLength={5} />
        <TextField {...field('place')} value={values.place} onChange={set('place')} maxLength={100} />
        <TextField {...field('postcode')} value={values.postcode} onChange={set('postcode')} hint={t('vacancies.postcodeHint')} maxLength={7} autoComplete="off" />
        <TextField {...field('startDate')} type="date" value={values.startDate} onChange={set('startDate')} />
        <TextField {...field('closingDate')} type="date" value={values.closingDate} onChange={set('closingDate')} />
        <CheckboxGroup {...field('routes')} value={values.routes} onChange={set('routes')} terms={ROUTES} />
        <SelectField {...field('status')} required value={values.status} onChange={set('status')} terms={VACANCY_STATUSES} />
        <TextField {...field('contactName')} value={values.contactName} onChange={set('contactName')} hint={t('vacancies.contactHint')} maxLength={100} />
        <TextField {...field('contactEmail')} type="email" value={values.contactEmail} onChange={set('contactEmail')} maxLength={254} />
        <TextField {...field('contactPhone')} type="tel" value={values.contactPhone} onChange={set('contactPhone')} maxLength={20} />
        <TextField {...field('description')} multiline value={values.description} onChange={set('description')} maxLength={5000} />
        <Checkbox {...field('public')} checked={values.public} onChange={set('public')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          {t('vacancies.save')}
        </button>
        <button type="button" className="button" onClick={cancel}>
          {t('vacancies.cancel')}
        </button>
      </div>
    </form>
  );
}
