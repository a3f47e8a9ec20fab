import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sortTasks, taskCounts, type Candidate } from '../../../shared';
import { canEdit } from '../../app/session';
import { navigate, useApp } from '../../app/store';
import { today } from './actions';
import { useAssignedTasks } from './hooks';
import { TaskItem } from './TasksSection';
import '../candidates/views.css';

/** `Mijn taken`: the user's tasks in this region, overdue first; done ones at the end. */
export function MyTasks() {
  const { t } = useTranslation();
  const { db, session, region } = useApp();
  const tasks = useAssignedTasks(db, region, session?.user ?? null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [showDone, setShowDone] = useState(false);
  const day = today();
  const sorted = useMemo(() => sortTasks((tasks ?? []).filter((x) => showDone || !x.done), day), [tasks, day, showDone]);
  const counts = taskCounts(tasks ?? [], session?.user ?? '', day);
  const ids = useMemo(() => [...new Set((tasks ?? []).map((x) => x.candidateId))], [tasks]);
  useEffect(() => {
    if (!db || ids.length === 0) return;
    void db.candidates.findByIds(ids).exec().then((m) => setNames(new Map([...m.values()].map((d) => [d.primary, `${(d._data as unknown as Candidate).firstName} ${(d._data as unknown as Candidate).lastName}`]))));
  }, [db, ids]);
  if (!session || !db) return null;
  const editable = canEdit(session, region);
  return (
    <section aria-labelledby="tasks-title">
      <div className="list-head">
        <h2 id="tasks-title">{t('tasks.mine')}</h2>
        <label className="check">
          <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} />
          <span>{t('tasks.showDone')}</span>
        </label>
      </div>
      <p className="muted">{t('tasks.summary', { open: counts.open, overdue: counts.overdue })}</p>
      <div className="panel">
        {tasks === null ? (
          <p className="muted">{t('app.loading')}</p>
        ) : sorted.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{t('tasks.emptyMine')}</p>
            <p>{t('tasks.emptyMineHint')}</p>
          </div>
        ) : (
          <ul className="tasks">
            {sorted.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                editable={editable}
                user={session.user}
                db={db}
                showCandidate={
                  <a
                    href={`#kandidaat/${task.candidateId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ name: 'detail', id: task.candidateId, editing: false });
                    }}
                  >
                    {names.get(task.candidateId) ?? t('tasks.candidate')}
                  </a>
                }
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** The header's badge: open tasks and overdue ones, and the way to `Mijn taken`. */
export function TaskBadge() {
  const { t } = useTranslation();
  const { db, session, region, view } = useApp();
  const tasks = useAssignedTasks(db, region, session?.user ?? null);
  if (!session) return null;
  const { open, overdue } = taskCounts(tasks ?? [], session.user, today());
  return (
    <nav className="app-nav" aria-label={t('tasks.nav')}>
      <button type="button" className="button button--small" aria-current={view.name === 'tasks' ? 'page' : undefined} onClick={() => navigate({ name: 'tasks' })}>
        {t('tasks.mine')} <span className="count" aria-hidden="true">{open}</span>
        {overdue ? (
          <span className="count count--overdue" aria-hidden="true">
            {overdue}!
          </span>
        ) : null}
        <span className="sr-only">{t('tasks.summary', { open, overdue })}</span>
      </button>
    </nav>
  );
}
