import { z } from 'zod';
import { fieldClocks, id, isoDate, isoDateTime, optionalText, regionCode, requiredText } from './fields';
import { childIdOf } from './note';
import { toRxSchema } from './rx-schema';
import { reWriteEncrypted } from '../privacy/personal-fields';

export const TASK_TYPE = 'task';

/**
 * A task (actie) on a candidate: something a colleague in the region has to do, by a date.
 * Its id begins with the candidate's (`<candidate>:t:<suffix>`) so an erasure finds it.
 */
export const taskSchema = z
  .strictObject({
    id,
    type: z.enum([TASK_TYPE]),
    candidateId: id,
    /** The region the task belongs to; only its users see it. */
    region: regionCode,
    title: requiredText(200),
    /** User name of the colleague who has to do it. */
    assignee: requiredText(100),
    due: isoDate.optional(),
    done: z.boolean(),
    doneAt: isoDateTime.optional(),
    doneBy: optionalText(100),
    fieldClocks: fieldClocks.optional(),
    createdAt: isoDateTime,
    createdBy: requiredText(100),
    updatedAt: isoDateTime,
    updatedBy: requiredText(100),
  })
  .refine((t) => t.id.startsWith(t.candidateId + ':'), { error: 'invalidId', path: ['id'] });

export type Task = z.infer<typeof taskSchema>;

export const TASK_SCHEMA_VERSION = 1;

export const taskRxSchema = toRxSchema(taskSchema, {
  title: TASK_TYPE,
  version: TASK_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: ['candidateId', ['region', 'assignee']],
});

export const taskMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // v1: personal fields encrypted at rest on laptops (src/shared/privacy/personal-fields.ts).
  1: reWriteEncrypted,
};

export function newTask(
  input: { candidateId: string; region: string; title: string; assignee: string; due?: string | undefined },
  ctx: { suffix: string; user: string; now: string },
): Task {
  return {
    id: childIdOf(input.candidateId, 't', ctx.suffix),
    type: TASK_TYPE,
    candidateId: input.candidateId,
    region: input.region,
    title: input.title.trim(),
    assignee: input.assignee.trim(),
    ...(input.due ? { due: input.due } : {}),
    done: false,
    createdAt: ctx.now,
    createdBy: ctx.user,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
}

/** Marks a task done or open again, recording who and when. */
export function withDone(t: Task, done: boolean, by: string, at: string): Task {
  const { doneAt: _a, doneBy: _b, ...rest } = t;
  return done ? { ...rest, done, doneAt: at, doneBy: by, updatedAt: at, updatedBy: by } : { ...rest, done, updatedAt: at, updatedBy: by };
}

/** Open tasks, overdue first (by due date), then due ones by date, then those without a date. */
export function sortTasks<T extends Pick<Task, 'done' | 'due' | 'createdAt'>>(tasks: readonly T[], today: string): T[] {
  const rank = (t: T) => (t.done ? 3 : t.due && t.due < today ? 0 : t.due ? 1 : 2);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.createdAt.localeCompare(b.createdAt));
}

export function isOverdue(t: Pick<Task, 'done' | 'due'>, today: string): boolean {
  return !t.done && !!t.due && t.due < today;
}

/** Counts for the badge: open tasks of a user, and how many of them are overdue. */
export function taskCounts(tasks: readonly Pick<Task, 'done' | 'due' | 'assignee'>[], user: string, today: string): { open: number; overdue: number } {
  let open = 0;
  let overdue = 0;
  for (const t of tasks) {
    if (t.assignee !== user || t.done) continue;
    open++;
    if (isOverdue(t, today)) overdue++;
  }
  return { open, overdue };
}

export function taskTombstone(id: string, region: string): Task {
  const epoch = '1970-01-01T00:00:00.000Z';
  const candidateId = id.includes(':') ? id.slice(0, id.indexOf(':')) : id;
  return { id, type: TASK_TYPE, candidateId, region, title: '-', assignee: '-', done: true, createdAt: epoch, createdBy: '-', updatedAt: epoch, updatedBy: '-' };
}
