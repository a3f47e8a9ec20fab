import { useEffect, useState } from 'react';
import { useLiveDoc, useLiveRows } from '../../app/liveQuery';
import type { Activity, Candidate, Registration } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** The activities of a region, live. */
export function useActivities(db: RegiodeskDatabase | null, region: string | null): Activity[] | null {
  return useLiveRows<Activity>(db && region ? () => db.activities.find({ selector: { region }, sort: [{ startsAt: 'asc' }] }) : null, [db, region]);
}

export function useActivity(db: RegiodeskDatabase | null, id: string): Activity | null | undefined {
  return useLiveDoc<Activity>(db ? () => db.activities.findOne(id) : null, [db, id]);
}

/** The registrations of one activity (indexed by activityId), live. */
export function useRegistrations(db: RegiodeskDatabase | null, activityId: string): Registration[] | null {
  return useLiveRows<Registration>(db ? () => db.registrations.find({ selector: { activityId } }) : null, [db, activityId]);
}

/** Candidates by id (the people of an activity's registrations), live. */
export function usePeople(db: RegiodeskDatabase | null, ids: string[]): Map<string, Candidate> {
  const [map, setMap] = useState<Map<string, Candidate>>(new Map());
  const key = ids.join(',');
  useEffect(() => {
    if (!db || ids.length === 0) {
      setMap(new Map());
      return;
    }
    const sub = db.candidates.findByIds(ids).$.subscribe((m) => {
      const out = new Map<string, Candidate>();
      for (const [id, d] of m) out.set(id, d.toJSON() as Candidate);
      setMap(out);
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  return map;
}
