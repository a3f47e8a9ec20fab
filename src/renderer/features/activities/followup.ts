import { newTask, taskSchema, validate, type Registration } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';
import { markLocalChange } from '../../sync/status';

/**
 * One follow-up task per attendee of an activity (for the candidate's file), assigned to the
 * user; attendees who already have this task (same title) are skipped, so pressing twice is safe.
 */
export async function followUpAttendees(
  db: RegiodeskDatabase,
  regs: Registration[],
  input: { title: string; due: string; region: string; user: string },
): Promise<number> {
  const attendees = regs.filter((r) => r.status === 'attended');
  if (attendees.length === 0) return 0;
  const now = new Date().toISOString();
  const existing = await db.tasks.find({ selector: { candidateId: { $in: attendees.map((r) => r.candidateId) } } }).exec();
  const has = new Set(existing.filter((t) => t.title === input.title.trim()).map((t) => t.candidateId));
  const tasks = [];
  for (const r of attendees) {
    if (has.has(r.candidateId)) continue;
    const task = newTask(
      { candidateId: r.candidateId, region: input.region, title: input.title, assignee: input.user, due: input.due || undefined },
      { suffix: newId().replace(/-/g, '').slice(0, 16), user: input.user, now },
    );
    const v = validate(taskSchema, task);
    if (!v.ok) throw new Error(v.reason);
    tasks.push(v.value);
  }
  if (tasks.length === 0) return 0;
  const res = await db.tasks.bulkInsert(tasks);
  if (res.error.length > 0) throw new Error(`${res.error.length} tasks not saved`);
  for (const t of tasks) markLocalChange(t.id);
  return tasks.length;
}
