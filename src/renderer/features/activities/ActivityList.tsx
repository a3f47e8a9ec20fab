import { useMemo } from 'react';
import { SuccessNotice } from '../../ui/Notice';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, labelOf, splitActivities, type Activity } from '../../../shared';
import { canEdit } from '../../app/session';
import { navigate, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { useActivities } from './hooks';

export function formatWhen(a: Pick<Activity, 'startsAt' | 'endsAt'>, locale: string): string {
  const s = new Date(a.startsAt);
  const day = s.toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-NL', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = (d: Date) => d.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit' });
  return `${day} ${time(s)}${a.endsAt ? `–${time(new Date(a.endsAt))}` : ''}`;
}

function Table({ rows, caption }: { rows: Activity[]; caption: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('activities.title')}</th>
          <th scope="col">{t('activities.kind')}</th>
          <th scope="col">{t('activities.when')}</th>
          <th scope="col">{t('activities.place')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id} className="row-link" onClick={() => navigate({ name: 'activity', id: a.id })}>
            <td>
              <a
                href={`#activity-${a.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ name: 'activity', id: a.id });
                }}
              >
                {a.title}
              </a>
            </td>
            <td>{labelOf(ACTIVITY_KINDS, a.kind, locale)}</td>
            <td className="nowrap">{formatWhen(a, locale)}</td>
            <td>{a.place ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Coming and past activities of the current region. */
export function ActivityList() {
  const { t } = useTranslation();
  const { db, region, session, notice } = useApp();
  const all = useActivities(db, region);
  const { coming, past } = useMemo(() => splitActivities(all ?? [], new Date()), [all]);
  const editable = !!session && canEdit(session, region);
  return (
    <section className="list" aria-labelledby="activities-title">
      <div className="list-head">
        <h2 id="activities-title">{t('activities.heading')}</h2>
        {editable ? (
          <button type="button" className="button button--primary" onClick={() => navigate({ name: 'activityEdit', id: null })}>
            {t('activities.new')}
          </button>
        ) : null}
      </div>
      <SuccessNotice text={notice} />
      {all === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : all.length === 0 ? (
        <div className="empty panel">
          <p className="empty-title">{t('activities.emptyTitle')}</p>
          <p>{editable ? t('activities.emptyEditor') : t('activities.emptyViewer')}</p>
        </div>
      ) : (
        <>
          <h3>{t('activities.coming', { count: coming.length })}</h3>
          <div className="panel">{coming.length ? <Table rows={coming} caption={t('activities.coming', { count: coming.length })} /> : <p className="empty">{t('activities.noneComing')}</p>}</div>
          <h3>{t('activities.past', { count: past.length })}</h3>
          <div className="panel">{past.length ? <Table rows={past} caption={t('activities.past', { count: past.length })} /> : <p className="empty">{t('activities.nonePast')}</p>}</div>
        </>
      )}
    </section>
  );
}
