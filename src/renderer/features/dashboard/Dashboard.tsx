import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FUNCTIONS, SECTORS, SUBJECTS, type FigureFilter, type Term } from '../../../shared';
import { regionName, roleOf, userRegions } from '../../app/session';
import { useApp } from '../../app/store';
import { SelectField, TextField } from '../../ui/fields';
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
  const select = (key: 'sector' | 'function' | 'subject', terms: readonly Term[]) => (
    <SelectField id={`dash-${key}`} name={key} label={t(`dashboard.filters.${key}`)} terms={terms} emptyLabel={t('dashboard.filters.any')} value={filter[key] ?? ''} onChange={(v) => setDashboardFilter({ [key]: v })} />
  );
  return (
    <fieldset className="dash-filters">
      <legend>{t('dashboard.filters.legend')}</legend>
      <TextField id="dash-from" name="from" type="date" label={t('dashboard.filters.from')} value={filter.from ?? ''} onChange={(from) => setDashboardFilter({ from })} />
      <TextField
        id="dash-to"
        name="to"
        type="date"
        label={t('dashboard.filters.to')}
        value={filter.to ?? ''}
        error={badPeriod ? t('dashboard.filters.invalidPeriod') : undefined}
        alertError
        onChange={(to) => setDashboardFilter({ to })}
      />
      {select('sector', SECTORS)}
      {select('function', FUNCTIONS)}
      {select('subject', SUBJECTS)}
      <SelectField id="dash-owner" name="owner" label={t('dashboard.filters.owner')} emptyLabel={t('dashboard.filters.any')} options={owners.map((o) => ({ value: o, label: o }))} value={filter.owner ?? ''} onChange={(owner) => setDashboardFilter({ owner })} />
      {Object.keys(filter).length ? (
        <button type="button" className="button button--small" onClick={clearDashboardFilter}>
          {t('dashboard.filters.clear')}
        </button>
      ) : null}
    </fieldset>
  );
}
