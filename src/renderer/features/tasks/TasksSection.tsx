import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isOverdue, sortTasks, type Task } from '../../../shared';
import type { FileSectionProps } from '../candidates/fileSections';
import { formatDate } from '../candidates/format';
import { currentLocale } from '../../i18n';
import { TextField } from '../../ui/fields';
import { addTask, checkTask, setTaskDone, today, type TaskInput } from './actions';
import { useCandidateTasks } from './hooks';
import { useRegionMembers } from './members';

export function TaskItem({ task, editable, user, db, showCandidate }: { task: Task; editable: boolean; user: string; db: FileSectionProps['db']; showCandidate?: React.ReactNode }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const overdue = isOverdue(task, today());
  return (
    <li className={`task${task.done ? ' task--done' : ''}${overdue ? ' task--overdue' : ''}`} data-task={task.id}>
      <label className="check">
        <input type="checkbox" checked={task.done} disabled={!editable} onChange={(e) => void setTaskDone(db, task.id, e.target.checked, user)} />
        <span className="task-title">{task.title}</span>
      </label>
      {showCandidate}
      <span className="muted">{t('tasks.for', { user: task.assignee })}</span>
      {task.due ? (
        <span className={overdue ? 'task-due task-due--overdue' : 'task-due'}>
          {overdue ? t('tasks.overdue', { date: formatDate(task.due, locale) }) : t('tasks.due', { date: formatDate(task.due, locale) })}
        </span>
      ) : null}
      {task.done && task.doneBy ? <span className="muted">{t('tasks.doneBy', { user: task.doneBy })}</span> : null}
    </li>
  );
}

/** The file's tasks (acties): add one for a colleague with a due date, tick it off. */
export function TasksSection({ c, db, user, region, editable }: FileSectionProps) {
  const { t } = useTranslation();
  const tasks = useCandidateTasks(db, c.id);
  const home = region && c.regions.includes(region) ? region : c.ownerRegion;
  const empty: TaskInput = { title: '', assignee: user, due: '' };
  const [input, setInput] = useState<TaskInput>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof TaskInput, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const sorted = useMemo(() => sortTasks((tasks ?? []).filter((x) => x.region === home), today()), [tasks, home]);
  const members = useRegionMembers(home);
  const colleagues = useMemo(() => [...new Set([user, c.owner, ...members, ...(tasks ?? []).map((x) => x.assignee)])].sort(), [user, c.owner, members, tasks]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkTask(input, c.id, home, user, members.length > 0 ? [user, c.owner, ...members] : []);
    if (found) {
      setErrors(found);
      document.getElementById(`task-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    try {
      await addTask(db, input, c.id, home, user);
      setInput(empty);
      setErrors({});
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const err = (f: keyof TaskInput) => (errors[f] ? t(`validation.${errors[f]}`) : undefined);

  return (
    <section className="file-section" aria-labelledby="file-tasks">
      <h3 id="file-tasks">{t('tasks.title')}</h3>
      {tasks && sorted.length === 0 ? <p className="muted">{editable ? t('tasks.emptyFile') : t('tasks.emptyViewer')}</p> : null}
      <ul className="tasks">
        {sorted.map((task) => (
          <TaskItem key={task.id} task={task} editable={editable} user={user} db={db} />
        ))}
      </ul>
      {editable ? (
        <form className="task-form" onSubmit={submit} noValidate aria-label={t('tasks.add')}>
          <TextField id="task-title" name="title" label={t('tasks.what')} value={input.title} maxLength={200} error={err('title')} onChange={(title) => setInput({ ...input, title })} />
          <TextField id="task-assignee" name="assignee" label={t('tasks.assignee')} list="task-colleagues" value={input.assignee} hint={t('tasks.assigneeHint')} error={err('assignee')} onChange={(assignee) => setInput({ ...input, assignee })} />
          <datalist id="task-colleagues">
            {colleagues.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          <TextField id="task-due" name="due" type="date" label={t('tasks.dueLabel')} value={input.due} error={err('due')} onChange={(due) => setInput({ ...input, due })} />
          <button type="submit" className="button button--primary button--small">
            {t('tasks.add')}
          </button>
          {error ? <p className="field-error" role="alert">{error}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
