import { useEffect, useState } from 'react';
import { attendanceOf, isPast, type Activity, type FigureFilter, type Registration, type Task } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

export interface TaskRow {
  assignee: string;
  open: number;
  overdue: number;
}

export interface ActivityRow {
  id: string;
  title: string;
  startsAt: string;
  registered: number;
  attended: number;
  noShows: number;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Open and overdue (due before today, not done) tasks per colleague in a region, live. */
export function taskRows(tasks: readonly Task[], now = today()): TaskRow[] {
  const by = new Map<string, TaskRow>();
  for (const t of tasks) {
    if (t.done) continue;
    const row = by.get(t.assignee) ?? { assignee: t.assignee, open: 0, overdue: 0 };
    row.open++;
    if (t.due && t.due < now) row.overdue++;
    by.set(t.assignee, row);
  }
  return [...by.values()].sort((a, b) => b.open - a.open || a.assignee.localeCompare(b.assignee));
}

/** Activities that start within the period, newest first, with their attendance. */
export function activityRows(activities: readonly Activity[], regs: readonly Registration[], f: FigureFilter, now = new Date()): ActivityRow[] {
  const byActivity = new Map<string, Registration[]>();
  for (const r of regs) byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r]);
  return activities
    .filter((a) => (!f.from || a.startsAt.slice(0, 10) >= f.from) && (!f.to || a.startsAt.slice(0, 10) <= f.to))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .slice(0, 12)
    .map((a) => {
      const att = attendanceOf(byActivity.get(a.id) ?? [], isPast(a, now));
      return { id: a.id, title: a.title, startsAt: a.startsAt, registered: att.registered, attended: att.attended, noShows: att.noShows };
    });
}

function useLive<T>(db: RegiodeskDatabase | null, key: string, pick: (db: RegiodeskDatabase) => { $: import('rxjs').Observable<{ _data: unknown }[]> }): T[] | null {
  const [rows, setRows] = useState<T[] | null>(null);
  useEffect(() => {
    if (!db) return;
    const sub = pick(db).$.subscribe((docs) => setRows(docs.map((d) => d._data as T)));
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  return rows;
}

export function useTaskRows(db: RegiodeskDatabase | null, region: string): TaskRow[] | null {
  const tasks = useLive<Task>(db, region, (d) => d.tasks.find({ selector: { region } }));
  return tasks ? taskRows(tasks) : null;
}

export function useActivityRows(db: RegiodeskDatabase | null, region: string, f: FigureFilter): ActivityRow[] | null {
  const activities = useLive<Activity>(db, region, (d) => d.activities.find({ selector: { region } }));
  const regs = useLive<Registration>(db, region, (d) => d.registrations.find({ selector: { region } }));
  return activities && regs ? activityRows(activities, regs, f) : null;
}
