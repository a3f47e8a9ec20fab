import { useEffect, useMemo, useState } from 'react';
import { SuccessNotice } from '../../ui/Notice';
import { TextField } from '../../ui/fields';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, attendanceOf, isPast, labelOf, type Activity, type Candidate, type Registration } from '../../../shared';
import { canEdit } from '../../app/session';
import { navigate, setNotice, useApp } from '../../app/store';
import type { RegiodeskDatabase } from '../../db/database';
import { currentLocale } from '../../i18n';
import { registerCandidate, setRegistrationStatus } from './actions';
import { followUpAttendees } from './followup';
import { useActivity, usePeople, useRegistrations } from './hooks';
import { formatWhen } from './ActivityList';
import { EventSyncSummary } from '../event-mode/EventSyncSummary';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Search existing candidates of the region by name or e-mail and register one. */
function AddExisting({ db, activity, user }: { db: RegiodeskDatabase; activity: Activity; user: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Candidate[]>([]);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const re = { $regex: escapeRegex(term), $options: 'i' };
    void db.candidates
      .find({ selector: { regions: { $elemMatch: { $eq: activity.region } }, $or: [{ lastName: re }, { firstName: re }, { email: re }] }, limit: 8 })
      .exec()
      .then((docs) => live && setHits(docs.map((d) => d.toJSON() as Candidate)));
    return () => {
      live = false;
    };
  }, [db, q, activity.region]);
  const add = async (c: Candidate) => {
    const r = await registerCandidate(db, activity, c.id, user);
    setMessage(t(r === 'added' ? 'activities.registered' : 'activities.alreadyRegistered', { name: `${c.firstName} ${c.lastName}` }));
    setQ('');
  };
  return (
    <div className="field">
      <label htmlFor="reg-search">{t('activities.searchCandidate')}</label>
      <input id="reg-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" aria-describedby="reg-search-hint" />
      <p id="reg-search-hint" className="field-hint">
        {t('activities.searchHint')}
      </p>
      {hits.length > 0 ? (
        <ul className="plain-list" aria-label={t('activities.searchResults')}>
          {hits.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button--small" onClick={() => void add(c)}>
                {t('activities.register')}: {c.firstName} {c.lastName}
                {c.email ? ` (${c.email})` : ''}
              </button>
            </li>
          ))}
        </ul>
      ) : q.trim().length >= 2 ? (
        <p className="muted">{t('activities.noMatches')}</p>
      ) : null}
      <p aria-live="polite" className="muted">
        {message}
      </p>
    </div>
  );
}

function FollowUp({ db, regs, region, user }: { db: RegiodeskDatabase; regs: Registration[]; region: string; user: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(t('activities.followUpDefault'));
  const [due, setDue] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const attendees = regs.filter((r) => r.status === 'attended').length;
  const run = async () => {
    setError('');
    if (!title.trim()) return setError(t('validation.required'));
    try {
      const n = await followUpAttendees(db, regs, { title, due, region, user });
      setMessage(t('activities.followUpDone', { count: n }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <fieldset className="section">
      <legend>{t('activities.followUp')}</legend>
      <div className="grid">
        <TextField id="fu-title" name="title" label={t('activities.followUpTitle')} value={title} onChange={setTitle} maxLength={200} error={error || undefined} />
        <TextField id="fu-due" name="due" type="date" label={t('activities.followUpDue')} value={due} onChange={setDue} />
      </div>
      <button type="button" className="button" disabled={attendees === 0} onClick={() => void run()}>
        {t('activities.followUpButton', { count: attendees })}
      </button>
      <p aria-live="polite" className="muted">
        {message}
      </p>
    </fieldset>
  );
}

/** One activity: its facts, attendance, registrations, and the way into event mode. */
export function ActivityDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { db, session, region, notice } = useApp();
  const activity = useActivity(db, id);
  const regs = useRegistrations(db, id);
  const people = usePeople(db, (regs ?? []).map((r) => r.candidateId));
  const [undo, setUndo] = useState<Registration | null>(null);
  const locale = currentLocale();
  const past = activity ? isPast(activity, new Date()) : false;
  const figures = useMemo(() => attendanceOf(regs ?? [], past), [regs, past]);
  if (!db || activity === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (activity === null) return <p className="notice notice--error">{t('activities.notFound')}</p>;
  const editable = !!session && canEdit(session, activity.region);
  const user = session?.user ?? '';
  const nameOf = (r: Registration) => {
    const c = people.get(r.candidateId);
    return c ? `${c.firstName} ${c.lastName}` : t('activities.unknownPerson');
  };
  const sorted = [...(regs ?? [])].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const statusLabel = (r: Registration) => (r.status === 'registered' && past ? t('activities.status.noShow') : t(`activities.status.${r.status}`));
  const cancel = async (r: Registration) => {
    await setRegistrationStatus(db, r, 'cancelled', user);
    setUndo(r);
  };

  return (
    <section aria-labelledby="activity-title">
      <p>
        <button type="button" className="button button--link" onClick={() => navigate({ name: 'activities' })}>
          ← {t('activities.back')}
        </button>
      </p>
      <div className="list-head">
        <h2 id="activity-title">{activity.title}</h2>
        {editable ? (
          <div className="form-actions form-actions--head">
            <button type="button" className="button button--primary" onClick={() => navigate({ name: 'event', activityId: activity.id })}>
              {t('activities.startEventMode')}
            </button>
            <button type="button" className="button" onClick={() => navigate({ name: 'activityEdit', id: activity.id })}>
              {t('activities.edit')}
            </button>
          </div>
        ) : null}
      </div>
      <SuccessNotice text={notice} />
      <dl className="facts">
        <div className="fact">
          <dt>{t('activities.kind')}</dt>
          <dd>{labelOf(ACTIVITY_KINDS, activity.kind, locale)}</dd>
        </div>
        <div className="fact">
          <dt>{t('activities.when')}</dt>
          <dd>{formatWhen(activity, locale)}</dd>
        </div>
        {activity.place ? (
          <div className="fact">
            <dt>{t('activities.place')}</dt>
            <dd>{activity.place}</dd>
          </div>
        ) : null}
        {activity.capacity ? (
          <div className="fact">
            <dt>{t('activities.capacity')}</dt>
            <dd>{t('activities.capacityUsed', { used: figures.registered, capacity: activity.capacity })}</dd>
          </div>
        ) : null}
        {activity.partners ? (
          <div className="fact">
            <dt>{t('activities.partners')}</dt>
            <dd>{activity.partners}</dd>
          </div>
        ) : null}
        {activity.description ? (
          <div className="fact">
            <dt>{t('activities.description')}</dt>
            <dd>{activity.description}</dd>
          </div>
        ) : null}
      </dl>

      <h3>{t('activities.attendance')}</h3>
      <EventSyncSummary db={db} activityId={activity.id} />
      <dl className="facts" data-testid="attendance">
        {(['registered', 'attended', 'noShows', 'walkIns', 'newCandidates'] as const).map((k) => (
          <div className="fact" key={k}>
            <dt>{t(`activities.figures.${k}`)}</dt>
            <dd>{figures[k]}</dd>
          </div>
        ))}
      </dl>

      {undo ? (
        <p className="notice notice--info" aria-live="polite">
          {t('activities.cancelled', { name: nameOf(undo) })}{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              void setRegistrationStatus(db, undo, undo.status, user);
              setUndo(null);
            }}
          >
            {t('activities.undo')}
          </button>
        </p>
      ) : null}

      <h3>{t('activities.registrations', { count: figures.registered })}</h3>
      {editable ? <AddExisting db={db} activity={activity} user={user} /> : null}
      <div className="panel">
        {sorted.length === 0 ? (
          <p className="empty">{editable ? t('activities.noRegistrationsEditor') : t('activities.noRegistrations')}</p>
        ) : (
          <table className="table">
            <caption className="sr-only">{t('activities.registrations', { count: figures.registered })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.person')}</th>
                <th scope="col">{t('activities.statusLabel')}</th>
                <th scope="col">{t('activities.channel')}</th>
                {editable ? <th scope="col">{t('activities.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.id} className={r.status === 'cancelled' ? 'muted' : undefined}>
                  <td>
                    <a
                      href={`#candidate-${r.candidateId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ name: 'detail', id: r.candidateId, editing: false });
                      }}
                    >
                      {nameOf(r)}
                    </a>
                    {r.newCandidate ? <span className="badge"> {t('activities.newFromEvent')}</span> : null}
                  </td>
                  <td>{statusLabel(r)}</td>
                  <td>{t(`activities.channels.${r.channel}`)}</td>
                  {editable ? (
                    <td>
                      {r.status === 'registered' ? (
                        <button type="button" className="button button--small" onClick={() => void setRegistrationStatus(db, r, 'attended', user)}>
                          {t('activities.checkIn')}
                        </button>
                      ) : null}{' '}
                      {r.status !== 'cancelled' ? (
                        <button type="button" className="button button--small" onClick={() => void cancel(r)}>
                          {t('activities.cancelRegistration')}
                        </button>
                      ) : (
                        <button type="button" className="button button--small" onClick={() => void setRegistrationStatus(db, r, 'registered', user)}>
                          {t('activities.restore')}
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {editable && region ? <FollowUp db={db} regs={regs ?? []} region={activity.region} user={user} /> : null}
    </section>
  );
  void setNotice;
}
