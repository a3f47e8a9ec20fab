import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, SECTORS, VACANCY_STATUSES } from '../../../shared';
import { canEdit } from '../../app/session';
import { navigate, setNotice, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { formatDate } from '../candidates/format';
import { ViewLink } from '../../ui/ViewLink';
import { useVacancies } from './hooks';
import { PublicListInfo } from './PublicListInfo';
import { ImportVacancies } from './ImportVacancies';

/** The region's vacancies with filters on status, organisation and sector. */
export function VacancyList() {
  const { t } = useTranslation();
  const { db, region, session, notice } = useApp();
  const locale = currentLocale();
  const rows = useVacancies(db, region);
  const [status, setStatus] = useState('open');
  const [org, setOrg] = useState('');
  const [sector, setSector] = useState('');
  const orgs = useMemo(() => [...new Map((rows ?? []).map((v) => [v.organisationId, v.organisationName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'nl')), [rows]);
  const shown = (rows ?? []).filter((v) => (!status || v.status === status) && (!org || v.organisationId === org) && (!sector || v.sector === sector));
  const editable = !!session && canEdit(session, region);

  return (
    <section aria-labelledby="vacancies-heading" className="vacancies">
      <div className="list-header">
        <h2 id="vacancies-heading">{t('vacancies.heading')}</h2>
        {editable ? (
          <button type="button" className="button button--primary" onClick={() => navigate({ name: 'vacancyEdit', id: null })}>
            {t('vacancies.new')}
          </button>
        ) : null}
      </div>
      {notice ? (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      ) : null}
      <fieldset className="filters">
        <legend>{t('vacancies.filters')}</legend>
        <label>
          {t('vacancies.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="filter-status">
            <option value="">{t('vacancies.all')}</option>
            {VACANCY_STATUSES.map((s) => (
              <option key={s.code} value={s.code}>
                {labelOf(VACANCY_STATUSES, s.code, locale)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('vacancies.organisationId')}{' '}
          <select value={org} onChange={(e) => setOrg(e.target.value)}>
            <option value="">{t('vacancies.all')}</option>
            {orgs.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('vacancies.sector')}{' '}
          <select value={sector} onChange={(e) => setSector(e.target.value)}>
            <option value="">{t('vacancies.all')}</option>
            {SECTORS.map((s) => (
              <option key={s.code} value={s.code}>
                {labelOf(SECTORS, s.code, locale)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {rows === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty-state">{t('vacancies.empty')}</p>
      ) : shown.length === 0 ? (
        <p className="empty-state">{t('vacancies.emptyFiltered')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('vacancies.count', { count: shown.length })}
          </p>
          <table className="table" data-testid="vacancy-table">
            <thead>
              <tr>
                <th scope="col">{t('vacancies.title')}</th>
                <th scope="col">{t('vacancies.organisationId')}</th>
                <th scope="col">{t('vacancies.sector')}</th>
                <th scope="col">{t('vacancies.place')}</th>
                <th scope="col">{t('vacancies.closingDate')}</th>
                <th scope="col">{t('vacancies.status')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((v) => (
                <tr key={v.id}>
                  <td>
                    <ViewLink href={`#vacature/${v.id}`} view={{ name: 'vacancy', id: v.id }}>
                      {v.title}
                    </ViewLink>
                  </td>
                  <td>{v.organisationName}</td>
                  <td>{labelOf(SECTORS, v.sector, locale)}</td>
                  <td>{v.place ?? ''}</td>
                  <td>{formatDate(v.closingDate, locale)}</td>
                  <td data-testid="vacancy-status">
                    {labelOf(VACANCY_STATUSES, v.status, locale)}
                    {v.public ? ` · ${t('vacancies.publicYes')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {editable && db && region && session ? (
        <ImportVacancies db={db} region={region} user={session.user} onDone={(count) => setNotice(t('vacancies.import.done', { count }))} />
      ) : null}
      {region && session ? <PublicListInfo server={session.server} region={region} /> : null}
    </section>
  );
}
