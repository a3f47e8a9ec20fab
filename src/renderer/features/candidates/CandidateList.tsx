import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, PHASES, SECTORS } from '../../../shared';
import { navigate, setTab, useApp } from '../../app/store';
import { canEdit } from '../../app/session';
import { currentLocale } from '../../i18n';
import { useCandidates } from './hooks';
import { fullName, listView, PHASE_TABS, type PhaseTab } from './list';
import { formatDateTime, labels } from './format';

export function CandidateList() {
  const { t } = useTranslation();
  const { db, region, session, tab, notice } = useApp();
  const all = useCandidates(db);
  const locale = currentLocale();
  const view = useMemo(() => listView(all ?? [], region, tab), [all, region, tab]);
  const editable = !!session && canEdit(session, region);

  const tabLabel = (p: PhaseTab) => (p === 'all' ? t('list.all') : labelOf(PHASES, p, locale));

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? PHASE_TABS.length - 1 : (index + delta + PHASE_TABS.length) % PHASE_TABS.length;
    setTab(PHASE_TABS[next]!);
    document.getElementById(`tab-${PHASE_TABS[next]}`)?.focus();
  };

  return (
    <section className="list" aria-labelledby="list-title">
      <div className="list-head">
        <h2 id="list-title">{t('list.title')}</h2>
        {editable ? (
          <button type="button" className="button button--primary" onClick={() => navigate({ name: 'new' })}>
            {t('list.newCandidate')}
          </button>
        ) : null}
      </div>
      {notice ? (
        <p className="notice notice--success" aria-live="polite">
          {notice}
        </p>
      ) : null}
      {!editable && session ? <p className="notice notice--info">{t('list.readOnly')}</p> : null}

      <div role="tablist" aria-label={t('list.tabsLabel')} className="tabs">
        {PHASE_TABS.map((p, i) => (
          <button
            key={p}
            id={`tab-${p}`}
            role="tab"
            type="button"
            aria-selected={tab === p}
            aria-controls="candidate-panel"
            tabIndex={tab === p ? 0 : -1}
            className="tab"
            onClick={() => setTab(p)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {tabLabel(p)} <span className="count">{view.counts[p]}</span>
          </button>
        ))}
      </div>

      <div id="candidate-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="panel">
        {all === null ? (
          <p className="muted">{t('app.loading')}</p>
        ) : view.rows.length === 0 ? (
          <div className="empty">
            {view.counts.all === 0 ? (
              <>
                <p className="empty-title">{t('list.emptyTitle')}</p>
                <p>{editable ? t('list.emptyEditor') : t('list.emptyViewer')}</p>
              </>
            ) : (
              <p>{t('list.emptyPhase')}</p>
            )}
          </div>
        ) : (
          <>
            <p className="muted">{t('list.count', { count: view.rows.length })}</p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('list.name')}</th>
                  <th scope="col">{t('list.phase')}</th>
                  <th scope="col">{t('list.place')}</th>
                  <th scope="col">{t('list.sectors')}</th>
                  <th scope="col">{t('list.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((c) => (
                  <tr key={c.id} className="row-link" onClick={() => navigate({ name: 'detail', id: c.id, editing: false })}>
                    <td>
                      <a
                        href={`#kandidaat/${c.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          e.stopPropagation();
                          navigate({ name: 'detail', id: c.id, editing: false });
                        }}
                      >
                        {fullName(c)}
                      </a>
                    </td>
                    <td>
                      <span className={`phase phase--${c.phase}`}>{labelOf(PHASES, c.phase, locale)}</span>
                    </td>
                    <td>{c.place ?? ''}</td>
                    <td title={labels(SECTORS, c.sectors, locale)}>{labels(SECTORS, c.sectors, locale)}</td>
                    <td>
                      <time dateTime={c.updatedAt}>{formatDateTime(c.updatedAt, locale)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
