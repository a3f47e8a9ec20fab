import { newTask, taskSchema, validate, withDone, type Task } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';

/** Today in the user's time zone, yyyy-mm-dd: what "overdue" is measured against. */
export function today(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export type TaskInput = { title: string; assignee: string; due: string };

/** Checks a new task with the shared schema; message keys per field, or null when valid. */
/**
 * The form's errors, or null. `colleagues`: the region's members when known (features/tasks/members);
 * then an assignee outside them is refused, since a task for a mistyped name reaches nobody.
 * Unknown (offline before the first fetch): any name is taken.
 */
export function checkTask(input: TaskInput, candidateId: string, region: string, user: string, colleagues: readonly string[] = []): Partial<Record<keyof TaskInput, string>> | null {
  const task = newTask({ candidateId, region, ...input }, { suffix: 'check', user, now: new Date().toISOString() });
  const r = validate(taskSchema, task);
  if (r.ok) return colleagues.length > 0 && !colleagues.includes(r.value.assignee) ? { assignee: 'unknownColleague' } : null;
  const out: Partial<Record<keyof TaskInput, string>> = {};
  for (const [path, msg] of Object.entries(r.errors)) {
    if (path === 'title' || path === 'assignee' || path === 'due') out[path] ??= msg;
  }
  return Object.keys(out).length ? out : { title: 'invalid' };
}

export async function addTask(db: RegiodeskDatabase, input: TaskInput, candidateId: string, region: string, user: string): Promise<Task> {
  const task = newTask({ candidateId, region, ...input }, { suffix: newId().replace(/-/g, '').slice(0, 16), user, now: new Date().toISOString() });
  const r = validate(taskSchema, task);
  if (!r.ok) throw new Error(r.reason);
  await db.tasks.insert(r.value);
  return r.value;
}

export async function setTaskDone(db: RegiodeskDatabase, id: string, done: boolean, user: string): Promise<void> {
  const doc = await db.tasks.findOne(id).exec();
  if (!doc) return;
  const now = new Date().toISOString();
  await doc.incrementalModify((t) => withDone(t as Task, done, user, now));
}
