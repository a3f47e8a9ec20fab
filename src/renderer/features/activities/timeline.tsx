import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity, Registration } from '../../../shared';
import { navigate } from '../../app/store';
import { currentLocale } from '../../i18n';
import type { FileSectionProps } from '../candidates/fileSections';
import { formatDateTime } from '../candidates/format';
import { registerTimelineSource, type TimelineItem } from '../timeline/sources';

/** Activities on a candidate's timeline: when she registered and, if so, when she was there. */
function RegistrationLine({ reg, activity, attended }: { reg: Registration; activity: Activity | undefined; attended: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const at = attended ? (reg.checkedInAt ?? reg.updatedAt) : reg.registeredAt;
  const titleText = activity?.title ?? t('timeline.unknownActivity');
  const title = activity ? (
    <button type="button" className="button button--link" onClick={() => navigate({ name: 'activity', id: activity.id })}>
      {titleText}
    </button>
  ) : (
    titleText
  );
  return (
    <p className="timeline-line" data-registration={reg.id}>
      <strong>
        {t(attended ? 'timeline.attended' : 'timeline.registered')}
        {title}
      </strong>{' '}
      <span className="note-meta">
        {t('timeline.by', { user: attended ? reg.updatedBy : reg.registeredBy })} · <time dateTime={at}>{formatDateTime(at, locale)}</time>
      </span>
    </p>
  );
}

export function registrationTimelineItems(regs: Registration[], activities: ReadonlyMap<string, Activity>): TimelineItem[] {
  return regs.flatMap((reg) => {
    const activity = activities.get(reg.activityId);
    // Registered at the door: one line, being there says it all.
    const pre = reg.channel === 'pre' || reg.status === 'registered';
    return [
      ...(pre ? [{ key: `${reg.id}-registered`, kind: 'activity', at: reg.registeredAt, node: <RegistrationLine reg={reg} activity={activity} attended={false} /> }] : []),
      ...(reg.status === 'attended'
        ? [{ key: `${reg.id}-attended`, kind: 'activity', at: reg.checkedInAt ?? reg.updatedAt, node: <RegistrationLine reg={reg} activity={activity} attended /> }]
        : []),
    ];
  });
}

function useRegistrationItems({ c, db }: FileSectionProps): TimelineItem[] | null {
  const [regs, setRegs] = useState<Registration[] | null>(null);
  const [activities, setActivities] = useState<Map<string, Activity>>(new Map());
  useEffect(() => {
    const sub = db.registrations.find({ selector: { candidateId: c.id } }).$.subscribe((docs) => setRegs(docs.map((d) => d.toJSON() as Registration)));
    return () => sub.unsubscribe();
  }, [db, c.id]);
  const ids = useMemo(() => [...new Set((regs ?? []).map((r) => r.activityId))].sort().join(','), [regs]);
  useEffect(() => {
    if (!ids) return;
    const sub = db.activities.findByIds(ids.split(',')).$.subscribe((found) => {
      setActivities(new Map([...found.values()].map((a) => [a.id, a.toJSON() as Activity])));
    });
    return () => sub.unsubscribe();
  }, [db, ids]);
  return useMemo(() => (regs ? registrationTimelineItems(regs, activities) : null), [regs, activities]);
}

registerTimelineSource({ kinds: ['activity'], useItems: useRegistrationItems });
