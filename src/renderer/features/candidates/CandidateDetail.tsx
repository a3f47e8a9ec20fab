import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, setNotice, useApp } from '../../app/store';
import { canEdit, regionName } from '../../app/session';
import { currentLocale } from '../../i18n';
import { TasksSection } from '../tasks/TasksSection';
import { ContactsSection } from '../contacts/ContactsSection';
import { LinksSection } from '../linking/LinksSection';
import { TimelineSection } from '../timeline/Timeline';
import { CandidateMatches } from '../vacancies/CandidateMatches';
import { CandidateForm } from './CandidateForm';
import { checkEdit, updateCandidate } from './actions';
import { editTarget } from './draft';
import { FileFields } from './FileFields';
import type { FileSection, FileSectionProps } from './fileSections';
import { formatDate, formatDateTime } from './format';
import { formFromCandidate } from './form';
import { fullName } from './list';
import { useCandidate } from './hooks';
import { PhaseHistory } from './PhaseHistory';
import { SyncNotes } from '../sync/SyncNotes';
import { ConsentSection } from '../consent/ConsentSection';
import { PrivacyActions } from '../privacy/PrivacyActions';
import { neighbour, useFileShortcuts } from './shortcuts';
import './views.css';

function Facts({ c }: FileSectionProps) {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const locale = currentLocale();
  const rows: [string, string][] = [
    [
      t('form.consent'),
      c.consent.given ? (c.consent.date ? t('form.consentGiven', { date: formatDate(c.consent.date, locale) }) : t('detail.yes')) : t('detail.no'),
    ],
    [t('detail.regions'), c.regions.map((r) => (session ? regionName(session, r) : r)).join(', ')],
    [t('detail.createdAt'), `${formatDateTime(c.createdAt, locale)} (${c.createdBy})`],
    [t('detail.updatedAt'), `${formatDateTime(c.updatedAt, locale)} (${c.updatedBy})`],
  ];
  return (
    <section className="file-section" aria-labelledby="file-facts">
      <h3 id="file-facts">{t('file.record')}</h3>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Fields(p: FileSectionProps) {
  return <FileFields c={p.c} db={p.db} user={p.user} editable={p.editable} />;
}

/**
 * The sections of the candidate's file, in order. Each is a component of its own: another
 * feature adds its section (notes and timeline, conflicts) with one line here.
 */
export const FILE_SECTIONS: FileSection[] = [Fields, PhaseHistory as FileSection, TasksSection, ContactsSection, CandidateMatches, TimelineSection, LinksSection, ConsentSection, PrivacyActions, Facts];

export function CandidateDetail({ id, editing }: { id: string; editing: boolean }) {
  const { t } = useTranslation();
  const { db, session, region, notice } = useApp();
  const c = useCandidate(db, id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFileShortcuts(id);

  useEffect(() => {
    if (!editing) headingRef.current?.focus();
  }, [editing, c === undefined, id]);

  if (!session || c === undefined) return <p className="muted">{t('app.loading')}</p>;
  const back = (
    <button type="button" className="button button--link" onClick={() => navigate({ name: 'list' })}>
      ← {t('detail.back')}
    </button>
  );
  if (c === null) {
    return (
      <section>
        {back}
        <p className="notice notice--error">{t('detail.notFound')}</p>
      </section>
    );
  }
  // Editing is decided by the candidate's own region, not only the one being viewed.
  const editable = canEdit(session, c.ownerRegion) || (!!region && c.regions.includes(region) && canEdit(session, region));

  if (editing && editable && db) {
    return (
      <section>
        {back}
        <CandidateForm
          key={`edit-${id}`}
          title={t('form.editTitle', { name: fullName(c) })}
          initial={formFromCandidate(c)}
          user={session.user}
          draftTarget={editTarget(id)}
          check={(v) => checkEdit(c, v, session.user)}
          save={async (v) => {
            await updateCandidate(db, id, v, session.user);
            navigate({ name: 'detail', id, editing: false });
            setNotice(t('detail.saved'));
          }}
          onCancel={() => navigate({ name: 'detail', id, editing: false })}
        />
      </section>
    );
  }

  const prev = neighbour(id, -1);
  const next = neighbour(id, 1);
  const props: FileSectionProps = { c, db: db!, user: session.user, region, editable };
  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="list-head">
        {back}
        <nav className="file-nav" aria-label={t('file.nav')}>
          <button type="button" className="button button--small" disabled={!prev} aria-keyshortcuts="k" onClick={() => prev && navigate({ name: 'detail', id: prev, editing: false })}>
            ← {t('file.previous')}
          </button>
          <button type="button" className="button button--small" disabled={!next} aria-keyshortcuts="j" onClick={() => next && navigate({ name: 'detail', id: next, editing: false })}>
            {t('file.next')} →
          </button>
        </nav>
      </div>
      <div className="list-head">
        <h2 id="detail-title" ref={headingRef} tabIndex={-1}>
          {fullName(c)}
        </h2>
        {editable ? (
          <button type="button" className="button" onClick={() => navigate({ name: 'detail', id, editing: true })}>
            {t('detail.edit')}
          </button>
        ) : null}
      </div>
      {notice ? <p className="notice notice--success">{notice}</p> : null}
      {editable ? <p className="muted">{t('file.inlineHint')}</p> : null}
      <SyncNotes docId={id} />
      <div className="file-sections">
        {FILE_SECTIONS.map((S, i) => (
          <S key={i} {...props} />
        ))}
      </div>
    </section>
  );
}
