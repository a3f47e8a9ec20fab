import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, ORGANISATION_KINDS, SECTORS, type OrganisationKind, type Sector } from '../../../shared';
import { navigate, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { canEdit } from '../../app/session';
import { useOrganisations } from './data';
import { NewOrganisation } from './NewOrganisation';
import { filterOrganisations, indexOrganisations, isReadOnly, NO_FILTER, placesOf, type OrganisationFilter } from './search';

/** Rendered at once; the rest is reached by searching or filtering (a DUO import is ~10,000 rows). */
const SHOWN = 200;

/** The network: reference organisations (DUO, programmes) and the region's own, searchable and filterable. */
export function OrganisationList() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { db, region, session } = useApp();
  const orgs = useOrganisations(db!, region);
  const index = useMemo(() => (orgs ? indexOrganisations(orgs) : null), [orgs]);
  const places = useMemo(() => (orgs ? placesOf(orgs) : []), [orgs]);
  const [f, setF] = useState<OrganisationFilter>(NO_FILTER);
  const found = useMemo(() => (orgs ? filterOrganisations(orgs, index, f) : []), [orgs, index, f]);
  const set = (patch: Partial<OrganisationFilter>) => setF((x) => ({ ...x, ...patch }));

  return (
    <section aria-labelledby="network-heading">
      <div className="section-header">
        <h1 id="network-heading">{t('network.heading')}</h1>
        {session?.admin ? (
          <button type="button" className="button" onClick={() => navigate({ name: 'referenceImport' })}>
            {t('network.import.open')}
          </button>
        ) : null}
        {session && region && canEdit(session, region) ? <NewOrganisation db={db!} region={region} user={session.user} /> : null}
      </div>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="org-search">{t('network.search')}</label>
          <input id="org-search" type="search" value={f.query} onChange={(e) => set({ query: e.target.value })} placeholder={t('network.searchHint')} />
        </div>
        <div className="field">
          <label htmlFor="org-kind">{t('network.kind')}</label>
          <select id="org-kind" value={f.kind} onChange={(e) => set({ kind: e.target.value as OrganisationKind | '' })}>
            <option value="">{t('network.all')}</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-sector">{t('network.sector')}</label>
          <select id="org-sector" value={f.sector} onChange={(e) => set({ sector: e.target.value as Sector | '' })}>
            <option value="">{t('network.all')}</option>
            {SECTORS.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-place">{t('network.place')}</label>
          <select id="org-place" value={f.place} onChange={(e) => set({ place: e.target.value })}>
            <option value="">{t('network.all')}</option>
            {places.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={f.showClosed} onChange={(e) => set({ showClosed: e.target.checked })} /> {t('network.showClosed')}
        </label>
      </div>
      {orgs === null ? (
        <p className="muted">{t('network.loading')}</p>
      ) : orgs.length === 0 ? (
        <p className="empty-state">{session?.admin ? t('network.emptyAdmin') : t('network.empty')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite" data-testid="org-count">
            {found.length > SHOWN ? t('network.countMore', { count: found.length, shown: SHOWN }) : t('network.count', { count: found.length })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('network.name')}</th>
                <th scope="col">{t('network.kind')}</th>
                <th scope="col">{t('network.place')}</th>
                <th scope="col">{t('network.codes')}</th>
              </tr>
            </thead>
            <tbody>
              {found.slice(0, SHOWN).map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={`#org-${o.id}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'organisation', id: o.id }); }}>
                      {o.name}
                    </a>
                    {o.closed ? <span className="badge"> {t('network.closed')}</span> : null}
                    {!isReadOnly(o) ? <span className="badge"> {t('network.own')}</span> : null}
                  </td>
                  <td>{labelOf(ORGANISATION_KINDS, o.kind, locale)}</td>
                  <td>{o.place ?? ''}</td>
                  <td>{[o.brin && o.vestiging ? `${o.brin} ${o.vestiging}` : o.brin, o.bevoegdGezag, o.programmeCode].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {found.length === 0 ? <p className="empty-state">{t('network.noMatch')}</p> : null}
        </>
      )}
    </section>
  );
}
