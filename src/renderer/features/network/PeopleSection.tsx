import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { useLive } from './live';
import { EMPTY_PERSON, inputOf, savePerson, type PersonInput } from './people';

function PersonForm({ initial, onSave, onCancel, idPrefix }: { initial: PersonInput; onSave: (p: PersonInput) => Promise<Record<string, string> | null>; onCancel?: () => void; idPrefix: string }) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = await onSave(v);
    setErrors(errs ?? {});
    if (!errs && !onCancel) setV(EMPTY_PERSON);
  };
  const field = (k: keyof PersonInput, type: string, required = false) => {
    const id = `${idPrefix}-${k}`;
    return (
      <div className="field">
        <label htmlFor={id}>
          {t(`network.person.${k}`)}
          {required ? <span className="required-mark" aria-hidden="true">*</span> : null}
        </label>
        <input id={id} name={k} type={type} value={v[k]} required={required} aria-invalid={errors[k] ? true : undefined} aria-describedby={errors[k] ? `${id}-error` : undefined} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
        {errors[k] ? (
          <p id={`${id}-error`} className="field-error">
            {t(`validation.${errors[k]}`, { defaultValue: t('validation.invalid') })}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form" aria-label={onCancel ? t('network.person.edit') : t('network.person.add')}>
      {field('name', 'text', true)}
      {field('role', 'text')}
      {field('email', 'email')}
      {field('phone', 'tel')}
      <button type="submit" className="button button--primary">
        {onCancel ? t('network.person.save') : t('network.person.add')}
      </button>
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel}>
          {t('network.person.cancel')}
        </button>
      ) : null}
    </form>
  );
}

/** The region's contact persons at an organisation, with add and edit. */
export function PeopleSection({ db, organisationId, region, user, editable }: { db: RegiodeskDatabase; organisationId: string; region: string; user: string; editable: boolean }) {
  const { t } = useTranslation();
  const people = useLive<Person[]>((set) => {
    const s = db.people.find({ selector: { region } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Person).filter((p) => p.organisationIds.includes(organisationId))));
    return () => s.unsubscribe();
  }, [db, region, organisationId]);
  const [editing, setEditing] = useState<string | null>(null);
  const ctx = { region, user, organisationIds: [organisationId] };
  const save = async (input: PersonInput, old?: Person) => {
    const r = await savePerson(db, input, ctx, old);
    if (!r.ok) return r.errors;
    setEditing(null);
    return null;
  };
  return (
    <section aria-labelledby="org-people">
      <h2 id="org-people">{t('network.people')}</h2>
      {people && people.length === 0 ? <p className="empty-state">{editable ? t('network.noPeople') : t('network.noPeopleReadOnly')}</p> : null}
      <ul className="plain-list" data-testid="org-people">
        {(people ?? []).sort((a, b) => a.name.localeCompare(b.name, 'nl')).map((p) =>
          editing === p.id ? (
            <li key={p.id}>
              <PersonForm idPrefix={`person-${p.id}`} initial={inputOf(p)} onSave={(v) => save(v, p)} onCancel={() => setEditing(null)} />
            </li>
          ) : (
            <li key={p.id}>
              <strong>{p.name}</strong>
              {p.role ? ` — ${p.role}` : ''}
              {p.email ? <> · <a href={`mailto:${p.email}`}>{p.email}</a></> : null}
              {p.phone ? <> · <a href={`tel:${p.phone}`}>{p.phone}</a></> : null}{' '}
              {editable ? (
                <button type="button" className="button button--small" onClick={() => setEditing(p.id)} aria-label={t('network.person.editNamed', { name: p.name })}>
                  {t('network.person.edit')}
                </button>
              ) : null}
            </li>
          ),
        )}
      </ul>
      {editable ? (
        <>
          <h3>{t('network.person.add')}</h3>
          <PersonForm idPrefix="new-person" initial={EMPTY_PERSON} onSave={(v) => save(v)} />
        </>
      ) : null}
    </section>
  );
}
