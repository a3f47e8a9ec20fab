import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, PHASES, SECTORS, type DashboardFigures, type FigureDimension, type FigureFilter, type FigureKey } from '../../../shared';
import { navigate, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { ChartCard } from './ChartCard';
import { CountTable, type CountRow } from './CountTable';
import { rowsOf } from './rows';
import { useRegionFigures } from './useRegionFigures';
import { useActivityRows, useTaskRows } from './useWorkFigures';

const TABLES: { dimension: FigureDimension; field: keyof DashboardFigures; title: string }[] = [
  { dimension: 'sector', field: 'bySector', title: 'dashboard.charts.sector' },
  { dimension: 'function', field: 'byFunction', title: 'dashboard.charts.function' },
  { dimension: 'subject', field: 'bySubject', title: 'dashboard.charts.subject' },
  { dimension: 'route', field: 'byRoute', title: 'dashboard.charts.route' },
  { dimension: 'source', field: 'bySource', title: 'dashboard.charts.source' },
];

const fmt = (n: number, digits = 1) => n.toLocaleString(currentLocale() === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits });

/** Every figure of one region under the dashboard's filters, live. */
export function RegionColumn({ region, name, filter, onOwners }: { region: string; name: string; filter: FigureFilter; onOwners?: (o: string[]) => void }) {
  const { t } = useTranslation();
  const db = useApp((s) => s.db);
  const locale = currentLocale();
  const { figures, owners } = useRegionFigures(db, region, filter);
  const tasks = useTaskRows(db, region);
  const activities = useActivityRows(db, region, filter);
  useEffect(() => onOwners?.(owners), [owners, onOwners]);

  const open = (key: FigureKey, label: string) => navigate({ name: 'figureList', region, key, filter, label });
  const opener = (dimension: FigureDimension) => (r: CountRow) => open({ dimension, value: r.key }, r.label);
  const chartOf = (id: string, title: string, rows: CountRow[], dimension: FigureDimension, kind: 'bar' | 'line' = 'bar') => (
    <ChartCard
      key={id}
      id={`${region}-${id}`}
      title={title}
      kind={kind}
      labels={rows.map((r) => r.label)}
      series={[{ label: t('dashboard.table.count'), values: rows.map((r) => r.count) }]}
      onPick={(i) => rows[i] && opener(dimension)(rows[i])}
    >
      <CountTable id={`${region}-${id}`} rows={rows} open={opener(dimension)} />
    </ChartCard>
  );

  if (!figures) return <p className="muted">{t('dashboard.loading')}</p>;
  const openTasks = (tasks ?? []).reduce((n, r) => n + r.open, 0);
  const overdue = (tasks ?? []).reduce((n, r) => n + r.overdue, 0);
  const filtered = Object.keys(filter).length > 0;
  const phaseRows = rowsOf('phase', figures.byPhase, locale);
  const medianRows = PHASES.filter((p) => figures.medianDaysInPhase[p.code] != null).map((p) => ({
    key: p.code,
    label: labelOf(PHASES, p.code, locale),
    days: figures.medianDaysInPhase[p.code]!,
  }));

  return (
    <div className="dash-column" data-testid={`dashboard-${region}`}>
      <div className="dash-tiles">
        <button type="button" className="dash-tile" data-testid={`${region}-tile-total`} onClick={() => open({ dimension: 'total' }, t('dashboard.tiles.total'))}>
          <span className="dash-tile-value">{figures.total}</span>
          <span className="dash-tile-label">{t('dashboard.tiles.total')}</span>
        </button>
        <div className="dash-tile" data-testid={`${region}-tile-povo`}>
          <span className="dash-tile-value">{figures.poVoRatio === null ? t('dashboard.tiles.poVoNone') : `${fmt(figures.poVoRatio, 2)} : 1`}</span>
          <span className="dash-tile-label">
            {t('dashboard.tiles.poVo')} (
            {/* The two numbers behind the ratio open their candidates, like every count. */}
            <button type="button" className="button button--link" data-testid={`${region}-tile-po`} onClick={() => open({ dimension: 'sector', value: 'po' }, labelOf(SECTORS, 'po', locale))}>
              {figures.bySector.po ?? 0}
            </button>{' '}
            :{' '}
            <button type="button" className="button button--link" data-testid={`${region}-tile-vo`} onClick={() => open({ dimension: 'sector', value: 'vo' }, labelOf(SECTORS, 'vo', locale))}>
              {figures.bySector.vo ?? 0}
            </button>
            )
          </span>
        </div>
        <div className="dash-tile" data-testid={`${region}-tile-open-tasks`}>
          <span className="dash-tile-value">{openTasks}</span>
          <span className="dash-tile-label">{t('dashboard.tiles.openTasks')}</span>
        </div>
        <div className="dash-tile" data-testid={`${region}-tile-overdue`}>
          <span className="dash-tile-value">{overdue}</span>
          <span className="dash-tile-label">{t('dashboard.tiles.overdueTasks')}</span>
        </div>
      </div>

      {figures.total === 0 ? <p className="empty">{filtered ? t('dashboard.emptyFiltered') : t('dashboard.empty')}</p> : null}

      <div className="dash-grid">
        {chartOf('phase', t('dashboard.charts.phase'), phaseRows, 'phase')}

        <ChartCard
          id={`${region}-funnel`}
          title={t('dashboard.charts.funnel')}
          labels={figures.funnel.map((s) => labelOf(PHASES, s.phase, locale))}
          series={[
            { label: t('dashboard.table.reached'), values: figures.funnel.map((s) => s.reached) },
            { label: t('dashboard.table.dropOut'), values: figures.funnel.map((s) => s.dropOut) },
          ]}
          onPick={(i) => figures.funnel[i] && open({ dimension: 'funnel', value: figures.funnel[i].phase }, labelOf(PHASES, figures.funnel[i].phase, locale))}
        >
          <table className="table dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.table.value')}</th>
                <th scope="col" className="num">{t('dashboard.table.reached')}</th>
                <th scope="col" className="num">{t('dashboard.table.dropOut')}</th>
                <th scope="col" className="num">{t('dashboard.table.dropOutRate')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.funnel.map((s) => {
                const label = labelOf(PHASES, s.phase, locale);
                return (
                  <tr key={s.phase}>
                    <th scope="row">{label}</th>
                    <td className="num">
                      <button
                        type="button"
                        className="dash-link"
                        data-testid={`${region}-funnel-${s.phase}`}
                        aria-label={t('dashboard.showCandidates', { count: s.reached, label })}
                        onClick={() => open({ dimension: 'funnel', value: s.phase }, label)}
                      >
                        {s.reached}
                      </button>
                    </td>
                    <td className="num">{s.dropOut}</td>
                    <td className="num">{s.dropOutRate === null ? '–' : `${fmt(s.dropOutRate * 100, 0)}%`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ChartCard>

        {TABLES.map(({ dimension, field, title }) =>
          chartOf(dimension, t(title), rowsOf(dimension, figures[field] as Record<string, number>, locale), dimension),
        )}
        {chartOf('inflow', t('dashboard.charts.inflow'), rowsOf('inflow', figures.inflowByMonth, locale), 'inflow', 'line')}

        <ChartCard id={`${region}-median`} title={t('dashboard.charts.median')} labels={medianRows.map((r) => r.label)} series={[{ label: t('dashboard.table.days'), values: medianRows.map((r) => Math.round(r.days * 10) / 10) }]}>
          <table className="table dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.table.value')}</th>
                <th scope="col" className="num">{t('dashboard.table.days')}</th>
              </tr>
            </thead>
            <tbody>
              {medianRows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{fmt(r.days)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartCard>

        <ChartCard
          id={`${region}-activities`}
          title={t('dashboard.charts.activities')}
          kind="bar"
          labels={(activities ?? []).map((a) => a.title)}
          series={[
            { label: t('dashboard.table.registered'), values: (activities ?? []).map((a) => a.registered) },
            { label: t('dashboard.table.attended'), values: (activities ?? []).map((a) => a.attended) },
          ]}
          onPick={(i) => activities?.[i] && navigate({ name: 'activity', id: activities[i].id })}
        >
          <table className="table dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.table.activity')}</th>
                <th scope="col">{t('dashboard.table.date')}</th>
                <th scope="col" className="num">{t('dashboard.table.registered')}</th>
                <th scope="col" className="num">{t('dashboard.table.attended')}</th>
                <th scope="col" className="num">{t('dashboard.table.noShows')}</th>
              </tr>
            </thead>
            <tbody>
              {(activities ?? []).map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <button type="button" className="dash-link" onClick={() => navigate({ name: 'activity', id: a.id })}>
                      {a.title}
                    </button>
                  </th>
                  <td>{new Date(a.startsAt).toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB')}</td>
                  <td className="num">{a.registered}</td>
                  <td className="num">{a.attended}</td>
                  <td className="num">{a.noShows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartCard>
        {activities && activities.length === 0 ? <p className="muted dash-note">{t('dashboard.noActivities')}</p> : null}

        <ChartCard
          id={`${region}-tasks`}
          title={t('dashboard.charts.tasks')}
          labels={(tasks ?? []).map((r) => r.assignee)}
          series={[
            { label: t('dashboard.table.open'), values: (tasks ?? []).map((r) => r.open) },
            { label: t('dashboard.table.overdue'), values: (tasks ?? []).map((r) => r.overdue) },
          ]}
        >
          <table className="table dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.table.colleague')}</th>
                <th scope="col" className="num">{t('dashboard.table.open')}</th>
                <th scope="col" className="num">{t('dashboard.table.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {(tasks ?? []).map((r) => (
                <tr key={r.assignee}>
                  <th scope="row">{r.assignee}</th>
                  <td className="num">{r.open}</td>
                  <td className="num">{r.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartCard>
        {tasks && tasks.length === 0 ? <p className="muted dash-note">{t('dashboard.noTasks')}</p> : null}
      </div>
    </div>
  );
}
