import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FUNCTIONS, labelOf, SECTORS, SUBJECTS, type FigureFilter, type Term } from '../../../shared';
import { regionName, roleOf, userRegions } from '../../app/session';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { OutsideRegion } from './OutsideRegion';
import { RegionColumn } from './RegionColumn';
import { clearDashboardFilter, periodProblem, setDashboardFilter, useDashboardFilter } from './state';
import './dashboard.css';

/**
 * The live dashboard. A supervisor of several regions sees them side by side (one column each);
 * everyone else sees the region chosen in the header.
 */
export function Dashboard() {
  const { t } = useTranslation();
  const { session, region } = useApp();
  const filter = useDashboardFilter((s) => s.filter);
  const [owners, setOwners] = useState<string[]>([]);
  const onOwners = useCallback((o: string[]) => setOwners((prev) => [...new Set([...prev, ...o])].sort()), []);
  if (!session || !region) return null;
  const supervised = userRegions(session).filter((r) => roleOf(session, r) === 'supervisor');
  const regions = supervised.length > 1 && supervised.includes(region) ? supervised : [region];
  const badPeriod = periodProblem(filter);
  // A period that ends before it starts would count nothing; until it is fixed, it is left out.
  const effective: FigureFilter = badPeriod ? { ...filter, from: undefined, to: undefined } : filter;
  for (const k of ['from', 'to'] as const) if (!effective[k]) delete effective[k];

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <div className="list-head">
        <h2 id="dashboard-title">{t('dashboard.title')}</h2>
      </div>
      <p className="muted">{t('dashboard.intro')}</p>
      <Filters filter={filter} owners={owners} badPeriod={badPeriod} />
      <div className="dash-columns" style={{ gridTemplateColumns: `repeat(${regions.length}, minmax(0, 1fr))` }}>
        {regions.map((r) => (
          <div key={r} className="dash-region">
            {regions.length > 1 ? <h3>{t('dashboard.regionColumn', { name: regionName(session, r) })}</h3> : null}
            <RegionColumn region={r} name={regionName(session, r)} filter={effective} onOwners={onOwners} />
          </div>
        ))}
      </div>
      <OutsideRegion server={session.server} region={region} />
    </section>
  );
}

function Filters({ filter, owners, badPeriod }: { filter: FigureFilter; owners: string[]; badPeriod: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const select = (key: 'sector' | 'function' | 'subject', terms: readonly Term[]) => (
    <div className="field">
      <label htmlFor={`dash-${key}`}>{t(`dashboard.filters.${key}`)}</label>
      <select id={`dash-${key}`} value={filter[key] ?? ''} onChange={(e) => setDashboardFilter({ [key]: e.target.value })}>
        <option value="">{t('dashboard.filters.any')}</option>
        {terms.map((term) => (
          <option key={term.code} value={term.code}>
            {labelOf(terms, term.code, locale)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="dash-filters">
      <legend>{t('dashboard.filters.legend')}</legend>
      <div className="field">
        <label htmlFor="dash-from">{t('dashboard.filters.from')}</label>
        <input id="dash-from" type="date" value={filter.from ?? ''} onChange={(e) => setDashboardFilter({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="dash-to">{t('dashboard.filters.to')}</label>
        <input
          id="dash-to"
          type="date"
          value={filter.to ?? ''}
          aria-invalid={badPeriod || undefined}
          aria-describedby={badPeriod ? 'dash-to-error' : undefined}
          onChange={(e) => setDashboardFilter({ to: e.target.value })}
        />
        {badPeriod ? (
          <p id="dash-to-error" className="field-error" role="alert">
            {t('dashboard.filters.invalidPeriod')}
          </p>
        ) : null}
      </div>
      {select('sector', SECTORS)}
      {select('function', FUNCTIONS)}
      {select('subject', SUBJECTS)}
      <div className="field">
        <label htmlFor="dash-owner">{t('dashboard.filters.owner')}</label>
        <select id="dash-owner" value={filter.owner ?? ''} onChange={(e) => setDashboardFilter({ owner: e.target.value })}>
          <option value="">{t('dashboard.filters.any')}</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      {Object.keys(filter).length ? (
        <button type="button" className="button button--small" onClick={clearDashboardFilter}>
          {t('dashboard.filters.clear')}
        </button>
      ) : null}
    </fieldset>
  );
}
