import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { SuccessNotice } from '../../ui/Notice';
import { useTranslation } from 'react-i18next';
import { applyView, compileFilter, labelOf, PHASES, type Candidate, type Phase } from '../../../shared';
import { navigate, setTab, useApp } from '../../app/store';
import { canEdit } from '../../app/session';
import { currentLocale } from '../../i18n';
import { SearchBox } from '../search/SearchBox';
import { useSearchResults } from '../search/useSearch';
import { SavedViews } from '../views/SavedViews';
import { ColumnPicker, FilterBuilder, GroupPicker, SortEditor } from '../views/ViewControls';
import { loadViewFor, setOrder, setSpec, useView } from '../views/viewState';
import { moveToPhase, undoSteps, type UndoStep } from './actions';
import { BulkBar } from './BulkBar';
import { ExportButton } from '../export/ExportButton';
import { CandidateBoard } from './CandidateBoard';
import { CandidateTable } from './CandidateTable';
import { useCandidateCache } from './hooks';
import { countByTab, countsFromPhases, inRegion, BOARD_PHASES, PHASE_TABS, phasesOfTab, type PhaseTab } from './list';
import { countPerPhase, loadByIds, loadFirstPage, type CandidateCache } from './candidateCache';
import { readFirstRows, rememberFirstRows, viewKey, FIRST_ROWS } from './firstRows';
import { useListShortcuts } from './shortcuts';
import { exposeForBench } from './benchHook';
import './views.css';

/** How long the list waits for the full set (the snapshot) before it asks the index for tab counts. */
const COUNTS_AFTER_MS = 3000;

export interface Undoable {
  message: string;
  steps: UndoStep[];
}

export function CandidateList() {
  const { t } = useTranslation();
  const { db, region, session, tab, notice } = useApp();
  const { spec, query } = useView();
  useEffect(() => {
    if (session) loadViewFor(session.user);
  }, [session]);
  // Cold start: the rows the list showed last time (by primary key) or an indexed first page of
  // the tab, and the tab counts from the index, before the full set loads in the background.
  const [phaseCounts, setPhaseCounts] = useState<Record<string, number> | null>(null);
  const cache = useCandidateCache(db, async (c: CandidateCache) => {
    const r = useApp.getState().region;
    if (!db || !r) return;
    const s = useView.getState().spec;
    const t = useApp.getState().tab;
    performance.mark?.('regiodesk:list:first-start');
    const ids = readFirstRows(db.name, viewKey(r, t, s));
    if (ids) await loadByIds(db, c, ids);
    else await loadFirstPage(db, c, r, s.mode === 'board' ? BOARD_PHASES : phasesOfTab(t), s.mode === 'board' ? 30 : FIRST_ROWS);
    performance.mark?.(ids ? 'regiodesk:list:first-rows-by-id' : 'regiodesk:list:first-page');
    // The tab counts only when the full set is slow to come (no snapshot): IndexedDB answers one
    // request after another and a count walks its whole index range (100,000 entries, read from
    // disk in a new browser: 26 s at load 25), so asked first they held the first rows back by
    // seconds, and asked next they held back the snapshot, which brings the counts itself.
    setTimeout(() => {
      if (!c.full) void countPerPhase(db, r, BOARD_PHASES).then((n) => (performance.mark?.('regiodesk:list:counts'), setPhaseCounts(n)), () => undefined);
    }, COUNTS_AFTER_MS);
  });
  const full = !!cache?.full;
  const all = cache && (full || cache.size > 0) ? cache.all() : null;
  const locale = currentLocale();
  const editable = !!session && canEdit(session, region);
  const searchRef = useRef<HTMLInputElement>(null);
  const [showControls, setShowControls] = useState(false);
  const [undo, setUndo] = useState<Undoable | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => exposeForBench(db), [db]);

  const mine = useMemo(() => (all && region ? all.filter((c) => inRegion(c, region)) : []), [all, region]);
  const counts = useMemo(() => (full || !phaseCounts ? countByTab(mine) : countsFromPhases(phaseCounts)), [mine, full, phaseCounts]);
  // Search needs every candidate; until they are in, the panel says it is loading.
  const hits = useSearchResults(db, full ? all : null, query);
  const searching = query.trim().length > 0;

  const view = useMemo(() => {
    if (hits) {
      // Search: best match first, over every phase of the region, the view's filter still applies.
      const found = hits.map((id) => cache?.get(id)).filter((c): c is Candidate => !!c && !!region && inRegion(c, region));
      const pred = compileFilter(spec.filter);
      return { rows: found.filter((c) => pred(c as unknown as Record<string, unknown>)), groups: null };
    }
    // The board has a column per phase, so it ignores the phase tab.
    return applyView(mine, { ...spec, phases: spec.mode === 'board' ? [] : phasesOfTab(tab) });
  }, [mine, spec, tab, hits, cache, region]);

  useEffect(() => setOrder(view.rows.map((c) => c.id)), [view.rows]);
  // What the next cold start shows first: this view's top rows (only once the full set is in).
  useEffect(() => {
    if (db && region && full && !hits) rememberFirstRows(db.name, viewKey(region, tab, spec), view.rows.slice(0, FIRST_ROWS).map((c) => c.id));
  }, [db, region, tab, spec, full, hits, view.rows]);

  const open = (id: string) => navigate({ name: 'detail', id, editing: false });
  useListShortcuts({ searchRef, editable });

  const onMove = async (id: string, to: Phase) => {
    if (!db || !session) return;
    setError(null);
    try {
      const steps = await moveToPhase(db, [id], to, session.user);
      const c = cache?.get(id);
      if (steps.length) setUndo({ message: t('board.moved', { name: c ? `${c.firstName} ${c.lastName}` : id, phase: labelOf(PHASES, to, locale) }), steps });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const tabLabel = (p: PhaseTab) => (p === 'all' ? t('list.all') : p === 'paused' ? t('views.paused') : labelOf(PHASES, p, locale));
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? PHASE_TABS.length - 1 : (index + delta + PHASE_TABS.length) % PHASE_TABS.length;
    setTab(PHASE_TABS[next]!);
    document.getElementById(`tab-${PHASE_TABS[next]}`)?.focus();
  };
  const activeRules = spec.filter.rules.length;

  return (
    <section className="list" aria-labelledby="list-title">
      <div className="list-head">
        <h2 id="list-title">{t('list.title')}</h2>
        <SearchBox ref={searchRef} resultCount={hits ? view.rows.length : null} />
        {editable ? (
          <button type="button" className="button button--primary" onClick={() => navigate({ name: 'new' })} aria-keyshortcuts="n">
            {t('list.newCandidate')}
          </button>
        ) : null}
      </div>
      <SuccessNotice text={notice} />
      {!editable && session ? <p className="notice notice--info">{t('list.readOnly')}</p> : null}

      <div className="view-bar">
        {db && region && session ? <SavedViews db={db} region={region} user={session.user} editable={editable} /> : null}
        <div role="group" aria-label={t('views.mode')} className="segmented">
          {(['table', 'board'] as const).map((m) => (
            <button key={m} type="button" className="button button--small" aria-pressed={spec.mode === m} onClick={() => setSpec({ mode: m })}>
              {t(`views.modes.${m}`)}
            </button>
          ))}
        </div>
        <GroupPicker spec={spec} />
        <ExportButton rows={view.rows} columns={spec.columns} />
        <button type="button" className="button button--small" aria-expanded={showControls} aria-controls="view-controls" onClick={() => setShowControls((s) => !s)}>
          {t('views.customise')}
          {activeRules ? ` (${t('views.filterCount', { count: activeRules })})` : ''}
        </button>
        {activeRules ? (
          <button type="button" className="button button--small" onClick={() => setSpec({ filter: { combinator: 'and', rules: [] } })}>
            {t('views.clearFilter')}
          </button>
        ) : null}
      </div>
      {showControls ? (
        <div id="view-controls" className="view-controls">
          <FilterBuilder spec={spec} />
          <SortEditor spec={spec} />
          <ColumnPicker spec={spec} />
        </div>
      ) : null}

      {undo ? (
        <p className="notice notice--success undo-bar" role="status">
          {undo.message}{' '}
          <button
            type="button"
            className="button button--small"
            onClick={async () => {
              if (db && session) await undoSteps(db, undo.steps, session.user);
              setUndo(null);
            }}
          >
            {t('bulk.undo')}
          </button>
          <button type="button" className="button button--small" aria-label={t('bulk.dismiss')} onClick={() => setUndo(null)}>
            ✕
          </button>
        </p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}

      {spec.mode === 'table' && !hits ? (
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
              {tabLabel(p)} <span className="count">{counts[p]}</span>
            </button>
          ))}
        </div>
      ) : null}

      <div
        id="candidate-panel"
        {...(spec.mode === 'table' && !hits ? { role: 'tabpanel', 'aria-labelledby': `tab-${tab}` } : { role: 'region', 'aria-label': hits ? t('search.title') : t('board.label') })}
        className="panel"
      >
        {editable && db && session && full ? <BulkBar db={db} user={session.user} rows={view.rows} onDone={setUndo} /> : null}
        {all === null || (searching && !full) || (!full && view.rows.length === 0) ? (
          <p className="muted">{t('app.loading')}</p>
        ) : view.rows.length === 0 && spec.mode === 'table' ? (
          <div className="empty">
            {hits ? (
              <p>{t('search.none', { query })}</p>
            ) : counts.all === 0 ? (
              <>
                <p className="empty-title">{t('list.emptyTitle')}</p>
                <p>{editable ? t('list.emptyEditor') : t('list.emptyViewer')}</p>
              </>
            ) : activeRules ? (
              <p>{t('views.emptyFiltered')}</p>
            ) : (
              <p>{t('list.emptyPhase')}</p>
            )}
          </div>
        ) : spec.mode === 'board' && !hits ? (
          <CandidateBoard rows={view.rows} editable={editable} open={open} onMove={(id, to) => void onMove(id, to)} />
        ) : (
          <>
            <p className="muted" aria-live="polite">
              {t('list.count', { count: view.rows.length })}
              {view.groups ? ` · ${t('views.groupCount', { count: view.groups.length })}` : ''}
            </p>
            <CandidateTable
              rows={view.rows}
              groups={view.groups}
              columns={spec.columns}
              sort={spec.sort}
              groupBy={spec.groupBy}
              selectable={editable}
              open={open}
            />
          </>
        )}
      </div>
    </section>
  );
}
