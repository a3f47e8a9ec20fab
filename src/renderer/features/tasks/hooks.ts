import { useLiveRows } from '../../app/liveQuery';
import type { Task } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** Tasks of one candidate, live. */
export function useCandidateTasks(db: RegiodeskDatabase | null, candidateId: string): Task[] | null {
  return useLiveRows<Task>(db ? () => db.tasks.find({ selector: { candidateId } }) : null, [db, candidateId]);
}

/** Tasks assigned to a user in a region, live (indexed on region + assignee). */
export function useAssignedTasks(db: RegiodeskDatabase | null, region: string | null, user: string | null): Task[] | null {
  return useLiveRows<Task>(db && region && user ? () => db.tasks.find({ selector: { region, assignee: user } }) : null, [db, region, user]);
}
