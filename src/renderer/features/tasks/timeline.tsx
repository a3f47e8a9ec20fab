import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../shared';
import { currentLocale } from '../../i18n';
import type { FileSectionProps } from '../candidates/fileSections';
import { formatDateTime } from '../candidates/format';
import { registerTimelineSource, type TimelineItem } from '../timeline/sources';
import { useCandidateTasks } from './hooks';

/** Tasks on a candidate's timeline: when each was created and, if so, when it was done. */
function TaskLine({ task, done }: { task: Task; done: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const at = done ? (task.doneAt ?? task.updatedAt) : task.createdAt;
  const by = done ? (task.doneBy ?? task.updatedBy) : task.createdBy;
  return (
    <p className="timeline-line" data-task={task.id}>
      <strong>{t(done ? 'timeline.taskDone' : 'timeline.taskCreated', { title: task.title, assignee: task.assignee })}</strong>{' '}
      <span className="note-meta">
        {t('timeline.by', { user: by })} · <time dateTime={at}>{formatDateTime(at, locale)}</time>
      </span>
    </p>
  );
}

export function taskTimelineItems(tasks: Task[]): TimelineItem[] {
  return tasks.flatMap((task) => [
    { key: `${task.id}-created`, kind: 'task', at: task.createdAt, node: <TaskLine task={task} done={false} /> },
    ...(task.done ? [{ key: `${task.id}-done`, kind: 'task', at: task.doneAt ?? task.updatedAt, node: <TaskLine task={task} done /> }] : []),
  ]);
}

function useTaskItems({ c, db }: FileSectionProps): TimelineItem[] | null {
  const tasks = useCandidateTasks(db, c.id);
  return useMemo(() => (tasks ? taskTimelineItems(tasks) : null), [tasks]);
}

registerTimelineSource({ kinds: ['task'], useItems: useTaskItems });
