import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_STATUSES, labelOf, ORGANISATION_KINDS, regionNoteId, SECTORS, type Activity, type Candidate, type Contact, type Organisation } from '../../../shared';
import { canEdit } from '../../app/session';
import { navigate, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { useOrganisations } from './data';
import { useLive } from './live';
import { PeopleSection } from './PeopleSection';
import { RegionNoteSection } from './RegionNoteSection';
import { isReadOnly } from './search';

function OrgLink({ o }: { o: Organisation }) {
  return (
    <a href={`#org-${o.id}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'organisation', id: o.id }); }}>
      {o.name}
    </a>
  );
}

/** One organisation: its data, related organisations, the region's people there, candidates and activities. */
export function OrganisationDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { db, region, session } = useApp();
  const all = useOrganisations(db!, region);
  const org = all?.find((o) => o.id === id) ?? null;
  const parent = org?.parentId ? all?.find((o) => o.id === org.parentId) : undefined;
  // The region's note about a reference organisation is a document of its own in the region's database.
  const noteDoc = useLive<Organisation | null>((set) => {
    if (!region) return () => undefined;
    const s = db!.organisations.findOne(regionNoteId(region, id)).$.subscribe((d) => set(d ? (d.toJSON() as Organisation) : null));
    return () => s.unsubscribe();
  }, [db, region, id]);
  const children = useMemo(() => (all ?? []).filter((o) => o.parentId === id).sort((a, b) => a.name.localeCompare(b.name, 'nl')), [all, id]);
  const contacts = useLive<{ contact: Contact; candidate: Candidate | null }[]>((set) => {
    const s = db!.contacts.find({ selector: { organisationId: id } }).$.subscribe(async (docs) => {
      const cs = docs.map((d) => d.toJSON() as Contact);
      const found = await db!.candidates.findByIds(cs.map((c) => c.candidateId)).exec();
      set(cs.map((contact) => ({ contact, candidate: (found.get(contact.candidateId)?.toJSON() as Candidate | undefined) ?? null })));
    });
    return () => s.unsubscribe();
  }, [db, id]);
  // Activities name partner organisations in free text (no link field yet): matched by name.
  const activities = useLive<Activity[]>((set) => {
    if (!region) return () => undefined;
    const s = db!.activities.find({ selector: { region } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Activity)));
    return () => s.unsubscribe();
  }, [db, region]);
  const named = useMemo(() => {
    if (!org || !activities) return [];
    const n = org.name.toLowerCase();
    return activities.filter((a) => (a.partners ?? '').toLowerCase().includes(n) || (a.place ?? '').toLowerCase().includes(n));
  }, [org, activities]);

  if (all === null) return <p className="muted">{t('network.loading')}</p>;
  if (!org) {
    return (
      <p className="notice notice--error" role="alert">
        {t('network.notFound')}{' '}
        <button type="button" className="button button--small" onClick={() => navigate({ name: 'organisations' })}>
          {t('network.back')}
        </button>
      </p>
    );
  }
  const readOnly = isReadOnly(org);
  const address = [org.street, [org.postcode, org.place].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const row = (label: string, value: React.ReactNode) => (value ? (<><dt>{label}</dt><dd>{value}</dd></>) : null);
  return (
    <article aria-labelledby="org-heading">
      <button type="button" className="button button--small" onClick={() => navigate({ name: 'organisations' })}>
        ← {t('network.back')}
      </button>
      <h1 id="org-heading">{org.name}</h1>
      <p className="muted">
        {labelOf(ORGANISATION_KINDS, org.kind, locale)}
        {org.closed ? ` · ${t('network.closedOn', { date: org.closedOn ?? '' })}` : ''}
        {' · '}
        {readOnly ? t('network.readOnly', { source: org.source === 'duo' ? 'DUO' : t('network.sourceProgrammes') }) : t('network.own')}
      </p>
      <dl className="details">
        {row(t('network.brin'), org.brin ? `${org.brin}${org.vestiging ? ` ${org.vestiging}` : ''}` : null)}
        {row(t('network.bevoegdGezag'), org.bevoegdGezag)}
        {row(t('network.programmeCode'), org.programmeCode)}
        {row(t('network.sector'), (org.sectors ?? []).map((s) => labelOf(SECTORS, s, locale)).join(', '))}
        {row(t('network.level'), org.level)}
        {row(t('network.denomination'), org.denomination)}
        {row(t('network.address'), address)}
        {row(t('network.phone'), org.phone)}
        {row(t('network.website'), org.website ? <a href={org.website} target="_blank" rel="noreferrer noopener">{org.website}</a> : null)}
      </dl>
      <section aria-labelledby="org-related">
        <h2 id="org-related">{t('network.related')}</h2>
        {!parent && children.length === 0 ? <p className="muted">{t('network.noRelated')}</p> : null}
        {parent ? (
          <p>
            {t(org.kind === 'lerarenopleiding' ? 'network.offeredBy' : 'network.partOf')}: <OrgLink o={parent} />
          </p>
        ) : null}
        {children.length ? (
          <>
            <h3>{t(org.kind === 'instelling' ? 'network.programmes' : 'network.locations', { count: children.length })}</h3>
            <ul className="plain-list">
              {children.map((c) => (
                <li key={c.id}>
                  <OrgLink o={c} /> {c.place ? `(${c.place})` : ''} {c.closed ? `· ${t('network.closed')}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {region && session ? (
        <RegionNoteSection db={db!} org={org} region={region} user={session.user} text={(readOnly ? noteDoc?.note : org.note) ?? ''} editable={canEdit(session, region)} reference={readOnly} />
      ) : null}
      {region && session ? <PeopleSection db={db!} organisationId={org.id} region={region} user={session.user} editable={canEdit(session, region)} /> : null}
      <section aria-labelledby="org-candidates">
        <h2 id="org-candidates">{t('network.candidates')}</h2>
        {contacts && contacts.length === 0 ? <p className="empty-state">{t('network.noCandidates')}</p> : null}
        <ul className="plain-list">
          {(contacts ?? []).map(({ contact, candidate }) => (
            <li key={contact.id}>
              {candidate ? (
                <a href={`#c-${candidate.id}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'detail', id: candidate.id, editing: false }); }}>
                  {candidate.firstName} {candidate.lastName}
                </a>
              ) : (
                t('network.unknownCandidate')
              )}{' '}
              · {labelOf(CONTACT_STATUSES, contact.status, locale)} · {contact.date}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="org-activities">
        <h2 id="org-activities">{t('network.activities')}</h2>
        {named.length === 0 ? <p className="muted">{t('network.noActivities')}</p> : null}
        <ul className="plain-list">
          {named.map((a) => (
            <li key={a.id}>
              <a href={`#a-${a.id}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'activity', id: a.id }); }}>
                {a.title}
              </a>{' '}
              · {a.startsAt.slice(0, 10)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
