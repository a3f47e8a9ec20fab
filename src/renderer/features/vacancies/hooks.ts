import { useEffect, useState } from 'react';
import type { Match, Organisation, Vacancy } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

function useLiveQuery<T>(run: ((set: (v: T) => void) => () => void) | null, deps: unknown[]): T | null {
  const [v, setV] = useState<T | null>(null);
  useEffect(() => (run ? run(setV) : undefined), deps); // eslint-disable-line react-hooks/exhaustive-deps
  return v;
}

/** The vacancies of a region, live, newest first. */
export function useVacancies(db: RegiodeskDatabase | null, region: string | null): Vacancy[] | null {
  return useLiveQuery<Vacancy[]>(
    db && region
      ? (set) => {
          const s = db.vacancies.find({ selector: { region } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Vacancy).sort((a, b) => b.createdAt.localeCompare(a.createdAt))));
          return () => s.unsubscribe();
        }
      : null,
    [db, region],
  );
}

/** Every vacancy this laptop holds (all the user's regions): a candidate may fit any of them. */
export function useAllVacancies(db: RegiodeskDatabase | null): Vacancy[] | null {
  return useLiveQuery<Vacancy[]>(
    db
      ? (set) => {
          const s = db.vacancies.find().$.subscribe((d) => set(d.map((x) => x.toJSON() as Vacancy)));
          return () => s.unsubscribe();
        }
      : null,
    [db],
  );
}

export function useVacancy(db: RegiodeskDatabase | null, id: string): Vacancy | null | undefined {
  const [doc, setDoc] = useState<Vacancy | null | undefined>(undefined);
  useEffect(() => {
    if (!db) return;
    const sub = db.vacancies.findOne(id).$.subscribe((d) => setDoc(d ? (d.toJSON() as Vacancy) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return doc;
}

export function useMatches(db: RegiodeskDatabase | null, by: 'vacancyId' | 'candidateId', value: string): Match[] | null {
  return useLiveQuery<Match[]>(
    db
      ? (set) => {
          const s = db.matches.find({ selector: by === 'vacancyId' ? { vacancyId: value } : { candidateId: value } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Match)));
          return () => s.unsubscribe();
        }
      : null,
    [db, by, value],
  );
}

export function useOrganisations(db: RegiodeskDatabase | null, region: string | null): Organisation[] | null {
  return useLiveQuery<Organisation[]>(
    db && region
      ? (set) => {
          const s = db.organisations.find({ selector: { region } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Organisation).filter((o) => o.about === undefined).sort((a, b) => a.name.localeCompare(b.name, 'nl'))));
          return () => s.unsubscribe();
        }
      : null,
    [db, region],
  );
}
