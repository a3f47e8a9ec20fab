import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_STATUSES,
  labelOf,
  ORGANISATION_KINDS,
  type Candidate,
  type Contact,
  type ContactStatus,
  type OrganisationKind,
} from '../../../shared';
import { navigate } from '../../app/store';
import type { FileSectionProps } from '../candidates/fileSections';
import { formatDate } from '../candidates/format';
import { currentLocale } from '../../i18n';
import { today } from '../tasks/actions';
import { Field, SelectField, TextField } from '../../ui/fields';
import { addContact, addOrganisation, checkOrganisation, updateContact } from './actions';
import { NEW_ORGANISATION, OrganisationPicker } from './OrganisationPicker';
import { useOrganisationsWhen } from './useOrganisationsWhen';

function useLive<T>(subscribe: (set: (v: T) => void) => () => void, deps: unknown[]): T | null {
  const [v, setV] = useState<T | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => subscribe(setV), deps);
  return v;
}

/** The organisation's candidates: everyone with a contact there, with status and date. */
function OrganisationCandidates({ db, organisationId }: { db: FileSectionProps['db']; organisationId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const contacts = useLive<Contact[]>((set) => {
    const s = db.contacts.find({ selector: { organisationId } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Contact)));
    return () => s.unsubscribe();
  }, [db, organisationId]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!contacts?.length) return;
    void db.candidates.findByIds(contacts.map((c) => c.candidateId)).exec().then((m) =>
      setNames(new Map([...m.values()].map((d) => [d.primary, `${(d._data as unknown as Candidate).firstName} ${(d._data as unknown as Candidate).lastName}`]))),
    );
  }, [db, contacts]);
  if (!contacts) return null;
  return (
    <ul className="org-candidates">
      {contacts.map((c) => (
        <li key={c.id}>
          <a
            href={`#kandidaat/${c.candidateId}`}
            onClick={(e) => {
              e.preventDefault();
              navigate({ name: 'detail', id: c.candidateId, editing: false });
            }}
          >
            {names.get(c.candidateId) ?? c.candidateId}
          </a>{' '}
          · {labelOf(CONTACT_STATUSES, c.status, locale)} · {formatDate(c.date, locale)}
        </li>
      ))}
      {contacts.length === 0 ? <li className="muted">{t('contacts.orgEmpty')}</li> : null}
    </ul>
  );
}

/** School and programme contacts of the candidate: status and date per organisation. */
export function ContactsSection({ c, db, user, region, editable }: FileSectionProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const home = region && c.regions.includes(region) ? region : c.ownerRegion;
  const contacts = useLive<Contact[]>((set) => {
    const s = db.contacts.find({ selector: { candidateId: c.id } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Contact)));
    return () => s.unsubscribe();
  }, [db, c.id]);
  // The region's own organisations and the shared reference data (DUO schools, boards, programmes).
  const [pickerUsed, setPickerUsed] = useState(false);
  const orgs = useOrganisationsWhen(db, home, pickerUsed);
  const [orgId, setOrgId] = useState('');
  // Remounts the picker after adding, so its typed text is cleared with the choice.
  const [pickerKey, setPickerKey] = useState(0);
  const [newOrg, setNewOrg] = useState<{ name: string; kind: OrganisationKind; place: string }>({ name: '', kind: 'school', place: '' });
  const [status, setStatus] = useState<ContactStatus>('contact_gelegd');
  const [date, setDate] = useState(today());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    let org = orgs?.find((o) => o.id === orgId);
    if (!org) {
      if (orgId !== NEW_ORGANISATION) errs.org = 'required';
      else {
        const found = checkOrganisation(newOrg, home, user);
        if (found?.name) errs.orgName = found.name;
      }
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errs.date = 'invalidDate';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    if (!org) org = await addOrganisation(db, newOrg, home, user);
    await addContact(db, { candidateId: c.id, organisation: org, status, date, region: home }, user);
    setOrgId('');
    setPickerKey((k) => k + 1);
    setNewOrg({ name: '', kind: 'school', place: '' });
  };
  const err = (k: string) => (errors[k] ? t(`validation.${errors[k]}`) : undefined);

  return (
    <section className="file-section" aria-labelledby="file-contacts">
      <h3 id="file-contacts">{t('contacts.title')}</h3>
      {contacts && contacts.length === 0 ? <p className="muted">{editable ? t('contacts.empty') : t('contacts.emptyViewer')}</p> : null}
      <ul className="contacts">
        {(contacts ?? []).map((k) => (
          <li key={k.id} className="contact">
            <button type="button" className="button--link" aria-expanded={open === k.organisationId} onClick={() => setOpen(open === k.organisationId ? null : k.organisationId)}>
              {k.organisationName}
            </button>
            {editable ? (
              <>
                <select aria-label={t('contacts.statusOf', { org: k.organisationName })} value={k.status} onChange={(e) => void updateContact(db, k.id, { status: e.target.value as ContactStatus }, user)}>
                  {CONTACT_STATUSES.map((s) => (
                    <option key={s.code} value={s.code}>
                      {labelOf(CONTACT_STATUSES, s.code, locale)}
                    </option>
                  ))}
                </select>
                <input type="date" aria-label={t('contacts.dateOf', { org: k.organisationName })} value={k.date} onChange={(e) => e.target.value && void updateContact(db, k.id, { date: e.target.value }, user)} />
              </>
            ) : (
              <span>
                {labelOf(CONTACT_STATUSES, k.status, locale)} · {formatDate(k.date, locale)}
              </span>
            )}
            {open === k.organisationId ? <OrganisationCandidates db={db} organisationId={k.organisationId} /> : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <form className="task-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('contacts.add')}>
          <Field id="contact-org" label={t('contacts.organisation')} error={err('org')}>
            {() => <OrganisationPicker key={pickerKey} id="contact-org" orgs={orgs} home={home} value={orgId} onChange={setOrgId} onActivate={() => setPickerUsed(true)} errorId={errors.org ? 'contact-org-error' : undefined} />}
          </Field>
          {orgId === NEW_ORGANISATION ? (
            <>
              <TextField id="contact-orgName" name="orgName" label={t('contacts.orgName')} value={newOrg.name} error={err('orgName')} onChange={(name) => setNewOrg({ ...newOrg, name })} />
              <SelectField id="contact-orgKind" name="orgKind" label={t('contacts.orgKind')} terms={ORGANISATION_KINDS} value={newOrg.kind} onChange={(kind) => setNewOrg({ ...newOrg, kind: kind as OrganisationKind })} />
              <TextField id="contact-orgPlace" name="orgPlace" label={t('contacts.orgPlace')} value={newOrg.place} onChange={(place) => setNewOrg({ ...newOrg, place })} />
            </>
          ) : null}
          <SelectField id="contact-status" name="status" label={t('contacts.status')} terms={CONTACT_STATUSES} value={status} onChange={(v) => setStatus(v as ContactStatus)} />
          <TextField id="contact-date" name="date" type="date" label={t('contacts.date')} value={date} error={err('date')} onChange={setDate} />
          <button type="submit" className="button button--primary button--small">
            {t('contacts.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
