import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countedBy, matchesFigureFilter, type FigureFilter, type FigureKey, type ViewFieldKey } from '../../../shared';
import { navigate, useApp } from '../../app/store';
import { regionName } from '../../app/session';
import { CandidateTable } from '../candidates/CandidateTable';
import { useCandidateDocs } from '../candidates/docs';
import { inRegion, sortByLastName } from '../candidates/list';
import '../candidates/views.css';

const COLUMNS: ViewFieldKey[] = ['name', 'phase', 'sectors', 'functions', 'owner', 'createdAt'];

/**
 * The candidates behind one dashboard figure: the same region, filter and predicate the
 * aggregator counts with (countedBy), so the list has exactly as many rows as the tile said.
 */
export function FigureList({ region, figure, filter, label }: { region: string; figure: FigureKey; filter: FigureFilter; label: string }) {
  const { t } = useTranslation();
  const { db, session } = useApp();
  const all = useCandidateDocs(db);
  const rows = useMemo(
    () => sortByLastName((all ?? []).filter((c) => inRegion(c, region) && matchesFigureFilter(c, filter) && countedBy(c, figure))),
    [all, region, filter, figure],
  );
  return (
    <section className="list" aria-labelledby="figure-list-title">
      <div className="list-head">
        <button type="button" className="button button--small" onClick={() => navigate({ name: 'dashboard' })}>
          ← {t('dashboard.list.back')}
        </button>
        <h2 id="figure-list-title">
          {t('dashboard.list.title', { label })}
          {session ? <span className="muted"> · {regionName(session, region)}</span> : null}
        </h2>
      </div>
      {all === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite" data-testid="figure-list-count">
            {t('dashboard.list.count', { count: rows.length })}
          </p>
          {rows.length === 0 ? (
            <p className="empty">{t('dashboard.list.empty')}</p>
          ) : (
            <CandidateTable
              rows={rows}
              groups={null}
              columns={COLUMNS}
              sort={[]}
              groupBy={null}
              selectable={false}
              open={(id) => navigate({ name: 'detail', id, editing: false })}
            />
          )}
        </>
      )}
    </section>
  );
}
