import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, ORGANISATION_TYPE, organisationSchema, validate, type Organisation, type OrganisationKind } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { navigate } from '../../app/store';
import { currentLocale } from '../../i18n';
import { newId } from '../../platform/bridge';

type Input = { name: string; kind: OrganisationKind; place: string; website: string; note: string };
const EMPTY: Input = { name: '', kind: 'overig', place: '', website: '', note: '' };

/** A region's own organisation (not in the public sources, e.g. a municipality or a partner), with its own note. */
export function NewOrganisation({ db, region, user }: { db: RegiodeskDatabase; region: string; user: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [open, setOpen] = useState(false);
  const [v, setV] = useState<Input>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('network.new.open')}
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const now = new Date().toISOString();
    const doc: Organisation = {
      id: `org-${newId().replace(/-/g, '').slice(0, 16)}`,
      type: ORGANISATION_TYPE,
      name: v.name.trim(),
      kind: v.kind,
      source: 'region',
      ...(v.place.trim() ? { place: v.place.trim() } : {}),
      ...(v.website.trim() ? { website: v.website.trim() } : {}),
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
      region,
      createdAt: now,
      createdBy: user,
      updatedAt: now,
      updatedBy: user,
    };
    const r = validate(organisationSchema, doc);
    if (!r.ok) return setErrors(r.errors);
    await db.organisations.insert(r.value);
    navigate({ name: 'organisation', id: r.value.id });
  };
  const err = (k: string) =>
    errors[k] ? (
      <p id={`new-org-${k}-error`} className="field-error">
        {t(`validation.${errors[k]}`, { defaultValue: t('validation.invalid') })}
      </p>
    ) : null;
  const text = (k: 'name' | 'place' | 'website', required = false) => (
    <div className="field">
      <label htmlFor={`new-org-${k}`}>
        {t(`network.new.${k}`)}
        {required ? <span className="required-mark" aria-hidden="true">*</span> : null}
      </label>
      <input id={`new-org-${k}`} value={v[k]} required={required} aria-invalid={errors[k] ? true : undefined} aria-describedby={errors[k] ? `new-org-${k}-error` : undefined} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
      {err(k)}
    </div>
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('network.new.open')} className="inline-form">
      {text('name', true)}
      <div className="field">
        <label htmlFor="new-org-kind">{t('network.kind')}</label>
        <select id="new-org-kind" value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as OrganisationKind })}>
          {ORGANISATION_KINDS.map((k) => (
            <option key={k.code} value={k.code}>
              {k.label[locale]}
            </option>
          ))}
        </select>
      </div>
      {text('place')}
      {text('website')}
      <div className="field">
        <label htmlFor="new-org-note">{t('network.new.note')}</label>
        <textarea id="new-org-note" value={v.note} onChange={(e) => setV({ ...v, note: e.target.value })} aria-invalid={errors.note ? true : undefined} />
        {err('note')}
      </div>
      <button type="submit" className="button button--primary">
        {t('network.new.save')}
      </button>
      <button type="button" className="button" onClick={() => { setOpen(false); setV(EMPTY); setErrors({}); }}>
        {t('network.person.cancel')}
      </button>
    </form>
  );
}
