import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rankVacancies, UNMATCHABLE_PHASES, type Vacancy } from '../../../shared';
import { navigate } from '../../app/store';
import type { FileSectionProps } from '../candidates/fileSections';
import { today } from '../tasks/actions';
import { proposeMatch } from './actions';
import { useAllVacancies, useMatches } from './hooks';
import { MatchPipeline } from './MatchPipeline';
import { RankedRow } from './RankedRow';

/**
 * The candidate file's "Passende vacatures": the candidate's matches with their pipeline, and
 * the best open vacancies of the candidate's regions to propose her for.
 */
export function CandidateMatches({ c, db, user, editable }: FileSectionProps) {
  const { t } = useTranslation();
  const vacancies = useAllVacancies(db);
  const matches = useMatches(db, 'candidateId', c.id);
  const [busy, setBusy] = useState<string | null>(null);
  const byId = useMemo(() => new Map((vacancies ?? []).map((v) => [v.id, v])), [vacancies]);
  const proposed = new Set((matches ?? []).map((m) => m.vacancyId));
  const ranked = useMemo(
    () => rankVacancies(c, (vacancies ?? []).filter((v) => c.regions.includes(v.region)), { today: today(), limit: 10 + proposed.size }).filter((r) => !proposed.has(r.item.id)).slice(0, 10),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [c, vacancies, proposed.size],
  );
  const propose = async (v: Vacancy) => {
    setBusy(v.id);
    try {
      await proposeMatch(db, c.id, v, today(), user);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="file-section" aria-labelledby="file-vacancies" data-testid="candidate-vacancies">
      <h3 id="file-vacancies">{t('vacancies.fileHeading')}</h3>
      {matches && matches.length > 0 ? (
        <>
          <h4>{t('vacancies.fileMatches')}</h4>
          {matches.map((m) => (
            <MatchPipeline key={m.id} db={db} match={m} user={user} editable={editable} title={byId.get(m.vacancyId) ? `${byId.get(m.vacancyId)!.title} · ${byId.get(m.vacancyId)!.organisationName}` : m.vacancyId}
              onOpen={() => navigate({ name: 'vacancy', id: m.vacancyId })}
            />
          ))}
        </>
      ) : null}
      {vacancies === null ? null : UNMATCHABLE_PHASES.includes(c.phase) ? (
        <p className="muted">{t('vacancies.fileNotMatchable')}</p>
      ) : ranked.length === 0 ? (
        <p className="empty-state">{t('vacancies.fileEmpty')}</p>
      ) : (
        <ol className="ranked-list" data-testid="ranked-vacancies">
          {ranked.map((r) => (
            <RankedRow
              key={r.item.id}
              href={`#vacature/${r.item.id}`}
              view={{ name: 'vacancy', id: r.item.id }}
              name={r.item.title}
              detail={r.item.organisationName}
              score={r.score}
              reasons={r.reasons}
              propose={editable ? { label: t('vacancies.proposeLabel', { name: `${c.firstName} ${c.lastName}`, title: r.item.title }), busy: busy === r.item.id, onClick: () => void propose(r.item) } : undefined}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
