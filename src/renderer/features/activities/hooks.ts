import { useEffect, useState } from 'react';
import type { Activity, Candidate, Registration } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** The activities of a region, live. */
export function useActivities(db: RegiodeskDatabase | null, region: string | null): Activity[] | null {
  const [rows, setRows] = useState<Activity[] | null>(null);
  useEffect(() => {
    if (!db || !region) return;
    const sub = db.activities.find({ selector: { region }, sort: [{ startsAt: 'asc' }] }).$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Activity)));
    return () => sub.unsubscribe();
  }, [db, region]);
  return rows;
}

export function useActivity(db: RegiodeskDatabase | null, id: string): Activity | null | undefined {
  const [doc, setDoc] = useState<Activity | null | undefined>(undefined);
  useEffect(() => {
    if (!db) return;
    const sub = db.activities.findOne(id).$.subscribe((d) => setDoc(d ? (d.toJSON() as Activity) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return doc;
}

/** The registrations of one activity (indexed by activityId), live. */
export function useRegistrations(db: RegiodeskDatabase | null, activityId: string): Registration[] | null {
  const [rows, setRows] = useState<Registration[] | null>(null);
  useEffect(() => {
    if (!db) return;
    const sub = db.registrations.find({ selector: { activityId } }).$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Registration)));
    return () => sub.unsubscribe();
  }, [db, activityId]);
  return rows;
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
