import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CandidatePool, FUNCTIONS, labelOf, ROUTES, SECTORS, SUBJECTS, VACANCY_STATUSES, type Candidate, type Vacancy } from '../../../shared';
import { canEdit } from '../../app/session';
import { navigate, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { formatDate } from '../candidates/format';
import { useCandidates } from '../candidates/hooks';
import { fullName } from '../candidates/list';
import { today } from '../tasks/actions';
import { proposeMatch } from './actions';
import { useMatches, useVacancy } from './hooks';
import { MatchPipeline } from './MatchPipeline';
import { RankedRow } from './RankedRow';

function Facts({ v }: { v: Vacancy }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rows: [string, string][] = [
    [t('vacancies.organisationId'), v.organisationName],
    [t('vacancies.function'), labelOf(FUNCTIONS, v.function, locale)],
    [t('vacancies.sector'), labelOf(SECTORS, v.sector, locale)],
    [t('vacancies.subjects'), v.subjects.map((s) => labelOf(SUBJECTS, s, locale)).join(', ')],
    [t('vacancies.hoursPerWeek'), v.hoursPerWeek !== undefined ? String(v.hoursPerWeek) : ''],
    [t('vacancies.place'), [v.place, v.postcode].filter(Boolean).join(', ')],
    [t('vacancies.startDate'), formatDate(v.startDate, locale)],
    [t('vacancies.closingDate'), formatDate(v.closingDate, locale)],
    [t('vacancies.routes'), v.routes.map((r) => labelOf(ROUTES, r, locale)).join(', ')],
    [t('vacancies.contactName'), [v.contactName, v.contactEmail, v.contactPhone].filter(Boolean).join(' · ')],
    [t('vacancies.status'), `${labelOf(VACANCY_STATUSES, v.status, locale)} · ${v.public ? t('vacancies.publicYes') : t('vacancies.publicNo')}`],
  ];
  return (
    <dl className="facts">
      {rows
        .filter(([, val]) => val)
        .map(([k, val]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd data-testid={k === t('vacancies.status') ? 'vacancy-detail-status' : undefined}>{val}</dd>
          </div>
        ))}
      {v.description ? <p className="vacancy-description">{v.description}</p> : null}
    </dl>
  );
}

/** A vacancy with its proposed candidates (pipeline) and the best other candidates to propose. */
export function VacancyDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { db, session, notice } = useApp();
  const v = useVacancy(db, id);
  const candidates = useCandidates(db);
  const matches = useMatches(db, 'vacancyId', id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => headingRef.current?.focus(), [v === undefined]);

  const inRegion = useMemo(() => (v && candidates ? candidates.filter((c) => c.regions.includes(v.region)) : []), [candidates, v?.region]);
  const pool = useMemo(() => new CandidatePool<Candidate>(inRegion), [inRegion]);
  const byId = useMemo(() => new Map((candidates ?? []).map((c) => [c.id, c])), [candidates]);
  const proposed = new Set((matches ?? []).map((m) => m.candidateId));
  const ranked = useMemo(() => (v ? pool.rankFor(v, { today: today(), limit: 20 + proposed.size }) : []), [pool, v, proposed.size]);

  if (!db || !session || v === undefined) return <p className="muted">{t('app.loading')}</p>;
  const back = (
    <button type="button" className="button button--link" onClick={() => navigate({ name: 'vacancies' })}>
      ← {t('vacancies.back')}
    </button>
  );
  if (v === null) {
    return (
      <>
        {back}
        <p className="notice notice--error" role="alert">
          {t('vacancies.notFound')}
        </p>
      </>
    );
  }
  const editable = canEdit(session, v.region);
  const user = session.user;
  const toPropose = ranked.filter((r) => !proposed.has(r.item.id)).slice(0, 20);

  const propose = async (c: Candidate) => {
    setBusy(c.id);
    try {
      await proposeMatch(db, c.id, v, today(), user);
    } finally {
      setBusy(null);
    }
  };

  return (
    <article className="vacancy-detail" aria-labelledby="vacancy-title">
      {back}
      <div className="list-header">
        <h2 id="vacancy-title" ref={headingRef} tabIndex={-1}>
          {v.title}
        </h2>
        {editable ? (
          <button type="button" className="button" onClick={() => navigate({ name: 'vacancyEdit', id: v.id })}>
            {t('vacancies.edit')}
          </button>
        ) : null}
      </div>
      {notice ? (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      ) : null}
      <Facts v={v} />

      <section className="file-section" aria-labelledby="vacancy-matches">
        <h3 id="vacancy-matches">{t('vacancies.matchesHeading')}</h3>
        {matches && matches.length === 0 ? <p className="empty-state">{t('vacancies.matchesEmpty')}</p> : null}
        {(matches ?? []).map((m) => (
          <MatchPipeline
            key={m.id}
            db={db}
            match={m}
            user={user}
            editable={editable}
            title={byId.has(m.candidateId) ? fullName(byId.get(m.candidateId)!) : m.candidateId}
            onOpen={() => navigate({ name: 'detail', id: m.candidateId, editing: false })}
          />
        ))}
      </section>

      <section className="file-section" aria-labelledby="vacancy-candidates">
        <h3 id="vacancy-candidates">{t('vacancies.candidatesHeading')}</h3>
        {v.status !== 'open' ? (
          <p className="muted">{t('vacancies.notOpen')}</p>
        ) : toPropose.length === 0 ? (
          <p className="empty-state">{t('vacancies.candidatesEmpty')}</p>
        ) : (
          <ol className="ranked-list" data-testid="ranked-candidates">
            {toPropose.map((r) => (
              <RankedRow
                key={r.item.id}
                href={`#kandidaat/${r.item.id}`}
                view={{ name: 'detail', id: r.item.id, editing: false }}
                name={fullName(r.item)}
                score={r.score}
                reasons={r.reasons}
                propose={editable ? { label: t('vacancies.proposeLabel', { name: fullName(r.item), title: v.title }), busy: busy === r.item.id, onClick: () => void propose(r.item) } : undefined}
              />
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
