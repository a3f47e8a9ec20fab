import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EDUCATION_LEVELS, FUNCTIONS, labelOf, PHASES, ROUTES, SECTORS, SOURCES, SUBJECTS } from '../../../shared';
import { navigate, setNotice, useApp } from '../../app/store';
import { canEdit, regionName } from '../../app/session';
import { currentLocale } from '../../i18n';
import { CandidateForm } from './CandidateForm';
import { checkEdit, updateCandidate } from './actions';
import { editTarget } from './draft';
import { formatDate, formatDateTime, labels } from './format';
import { formFromCandidate } from './form';
import { fullName } from './list';
import { useCandidate } from './hooks';

export function CandidateDetail({ id, editing }: { id: string; editing: boolean }) {
  const { t } = useTranslation();
  const { db, session, region, notice } = useApp();
  const c = useCandidate(db, id);
  const locale = currentLocale();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!editing) headingRef.current?.focus();
  }, [editing, c === undefined]);

  if (!session || c === undefined) return <p className="muted">{t('app.loading')}</p>;
  const back = (
    <button type="button" className="button button--link" onClick={() => navigate({ name: 'list' })}>
      ← {t('detail.back')}
    </button>
  );
  if (c === null) {
    return (
      <section>
        {back}
        <p className="notice notice--error">{t('detail.notFound')}</p>
      </section>
    );
  }
  // Editing is decided by the candidate's own region, not only the one being viewed.
  const editable = canEdit(session, c.ownerRegion) || (!!region && c.regions.includes(region) && canEdit(session, region));

  if (editing && editable && db) {
    return (
      <section>
        {back}
        <CandidateForm
          key={`edit-${id}`}
          title={t('form.editTitle', { name: fullName(c) })}
          initial={formFromCandidate(c)}
          user={session.user}
          draftTarget={editTarget(id)}
          check={(v) => checkEdit(c, v, session.user)}
          save={async (v) => {
            await updateCandidate(db, id, v, session.user);
            navigate({ name: 'detail', id, editing: false });
            setNotice(t('detail.saved'));
          }}
          onCancel={() => navigate({ name: 'detail', id, editing: false })}
        />
      </section>
    );
  }

  const none = t('detail.none');
  const rows: [string, string][] = [
    [t('form.firstName'), c.firstName],
    [t('form.lastName'), c.lastName],
    [t('form.dateOfBirth'), formatDate(c.dateOfBirth, locale) || none],
    [t('form.email'), c.email ?? none],
    [t('form.phone'), c.phone ?? none],
    [t('form.postcode'), c.postcode ?? none],
    [t('form.place'), c.place ?? none],
    [t('form.address'), c.address ?? none],
    [t('form.phase'), labelOf(PHASES, c.phase, locale)],
    [t('form.sectors'), labels(SECTORS, c.sectors, locale) || none],
    [t('form.functions'), labels(FUNCTIONS, c.functions, locale) || none],
    [t('form.subjects'), labels(SUBJECTS, c.subjects, locale) || none],
    [t('form.currentProfession'), c.currentProfession ?? none],
    [t('form.educationLevel'), c.educationLevel ? labelOf(EDUCATION_LEVELS, c.educationLevel, locale) : none],
    [t('form.preferredRoute'), c.preferredRoute ? labelOf(ROUTES, c.preferredRoute, locale) : none],
    [t('form.source'), labelOf(SOURCES, c.source, locale)],
    [t('form.motivation'), c.motivation ?? none],
    [
      t('form.consent'),
      c.consent.given ? (c.consent.date ? t('form.consentGiven', { date: formatDate(c.consent.date, locale) }) : t('detail.yes')) : t('detail.no'),
    ],
    [t('detail.owner'), c.owner],
    [t('detail.regions'), c.regions.map((r) => regionName(session, r)).join(', ')],
    [t('detail.createdAt'), `${formatDateTime(c.createdAt, locale)} (${c.createdBy})`],
    [t('detail.updatedAt'), `${formatDateTime(c.updatedAt, locale)} (${c.updatedBy})`],
  ];

  return (
    <section className="detail" aria-labelledby="detail-title">
      {back}
      <div className="list-head">
        <h2 id="detail-title" ref={headingRef} tabIndex={-1}>
          {fullName(c)}
        </h2>
        {editable ? (
          <button type="button" className="button button--primary" onClick={() => navigate({ name: 'detail', id, editing: true })}>
            {t('detail.edit')}
          </button>
        ) : null}
      </div>
      {notice ? <p className="notice notice--success">{notice}</p> : null}
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
