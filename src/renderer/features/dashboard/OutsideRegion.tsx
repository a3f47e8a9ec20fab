import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPRESS_BELOW, type AggregateFigures, type FiguresResponse, type ScopeFigures } from '../../../shared';
import { currentLocale } from '../../i18n';
import { makeSyncFetch } from '../../sync/replication';
import { rowsOf } from './rows';

type Load = { state: 'loading' } | { state: 'ok'; data: FiguresResponse; alliances?: Map<string, string[]> } | { state: 'unavailable' };

/** Which scopes to put side by side: this region, then its alliances, then the country. */
export function scopesFor(data: FiguresResponse, region: string, allianceRegions?: Map<string, string[]>): ScopeFigures[] {
  const own = data.scopes.filter((s) => s.scope === 'region' && s.id === region);
  // A user with several regions gets the alliances of all of them: keep this region's own.
  const alliances = data.scopes.filter((s) => s.scope === 'alliance' && (!allianceRegions?.has(s.id) || allianceRegions.get(s.id)!.includes(region)));
  const country = data.scopes.filter((s) => s.scope === 'country');
  return [...own, ...alliances, ...country];
}

/** Which regions each alliance holds; without it every alliance the server sent is shown. */
async function fetchAlliances(server: string): Promise<Map<string, string[]> | undefined> {
  try {
    const res = await makeSyncFetch(server)(`${server}/_regiodesk/alliances`);
    const body = (await res.json()) as { alliances?: { id: string; regions: string[] }[] };
    return Array.isArray(body.alliances) ? new Map(body.alliances.map((a) => [a.id, a.regions])) : undefined;
  } catch {
    return undefined;
  }
}

function isResponse(x: unknown): x is FiguresResponse {
  return !!x && typeof x === 'object' && Array.isArray((x as FiguresResponse).scopes);
}

/**
 * "Buiten de regio": the server's counts for the region, its alliances and the country (no
 * personal data; small cells come as null and show as "<5"). Offline or failing, the section
 * says so calmly: the region's own figures above do not depend on it.
 */
export function OutsideRegion({ server, region }: { server: string; region: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const fetchFigures = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      const res = await makeSyncFetch(server)(`${server}/_regiodesk/figures?region=${encodeURIComponent(region)}`);
      const body: unknown = await res.json();
      if (!res.ok || !isResponse(body)) return setLoad({ state: 'unavailable' });
      const alliances = await fetchAlliances(server);
      setLoad({ state: 'ok', data: body, ...(alliances ? { alliances } : {}) });
    } catch {
      setLoad({ state: 'unavailable' });
    }
  }, [server, region]);

  useEffect(() => {
    void fetchFigures();
  }, [fetchFigures]);

  const below = load.state === 'ok' ? load.data.suppressBelow : SUPPRESS_BELOW;
  const cell = (v: number | null | undefined) => (v === null ? `<${below}` : (v ?? 0).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB'));

  return (
    <section className="dash-outside" aria-labelledby="outside-title" data-testid="outside-region">
      <h3 id="outside-title">{t('dashboard.outside.title')}</h3>
      <p className="muted">{t('dashboard.outside.intro', { below })}</p>
      {load.state === 'loading' ? <p className="muted">{t('dashboard.outside.loading')}</p> : null}
      {load.state === 'unavailable' ? (
        <p className="notice notice--info" role="status">
          {t('dashboard.outside.unavailable')}{' '}
          <button type="button" className="button button--small" onClick={() => void fetchFigures()}>
            {t('dashboard.outside.retry')}
          </button>
        </p>
      ) : null}
      {load.state === 'ok' ? <ScopeTable scopes={scopesFor(load.data, region, load.alliances)} cell={cell} /> : null}
      {load.state === 'ok' ? (
        <p className="muted">{t('dashboard.outside.generatedAt', { at: new Date(load.data.generatedAt).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB') })}</p>
      ) : null}
    </section>
  );
}

function ScopeTable({ scopes, cell }: { scopes: ScopeFigures[]; cell: (v: number | null | undefined) => string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // The rows: every phase and sector any scope has, labelled from the taxonomy.
  const union = (pick: (f: AggregateFigures) => Record<string, number | null>) => {
    const keys: Record<string, number> = {};
    for (const s of scopes) for (const k of Object.keys(pick(s.figures))) keys[k] = 1;
    return keys;
  };
  const sections = [
    { dimension: 'phase' as const, pick: (f: AggregateFigures) => f.byPhase },
    { dimension: 'sector' as const, pick: (f: AggregateFigures) => f.bySector },
    { dimension: 'function' as const, pick: (f: AggregateFigures) => f.byFunction },
  ];
  return (
    <div className="dash-scroll">
      <table className="table dash-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.outside.figure')}</th>
            {scopes.map((s) => (
              <th key={`${s.scope}-${s.id}`} scope="col" className="num">
                {s.scope === 'country' ? t('dashboard.outside.country') : s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('dashboard.outside.total')}</th>
            {scopes.map((s) => (
              <td key={`${s.scope}-${s.id}`} className="num">
                {cell(s.figures.total)}
              </td>
            ))}
          </tr>
          {sections.flatMap(({ dimension, pick }) =>
            rowsOf(dimension, union(pick), locale).map((r) => (
              <tr key={`${dimension}-${r.key}`}>
                <th scope="row">{r.label}</th>
                {scopes.map((s) => (
                  <td key={`${s.scope}-${s.id}`} className="num">
                    {cell(pick(s.figures)[r.key])}
                  </td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
