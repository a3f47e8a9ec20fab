import { useEffect, useState } from 'react';
import type { Task } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** Tasks of one candidate, live. */
export function useCandidateTasks(db: RegiodeskDatabase | null, candidateId: string): Task[] | null {
  const [rows, setRows] = useState<Task[] | null>(null);
  useEffect(() => {
    if (!db) return;
    const sub = db.tasks.find({ selector: { candidateId } }).$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Task)));
    return () => sub.unsubscribe();
  }, [db, candidateId]);
  return rows;
}

/** Tasks assigned to a user in a region, live (indexed on region + assignee). */
export function useAssignedTasks(db: RegiodeskDatabase | null, region: string | null, user: string | null): Task[] | null {
  const [rows, setRows] = useState<Task[] | null>(null);
  useEffect(() => {
    if (!db || !region || !user) return;
    const sub = db.tasks.find({ selector: { region, assignee: user } }).$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Task)));
    return () => sub.unsubscribe();
  }, [db, region, user]);
  return rows;
}
