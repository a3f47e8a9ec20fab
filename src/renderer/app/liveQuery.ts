import { useEffect, useState } from 'react';

/** What the hooks need of an RxDB document and query: typed structurally, so any collection fits. */
interface Plain {
  toJSON(): unknown;
}
interface Live<R> {
  $: { subscribe(next: (result: R) => void): { unsubscribe(): void } };
}

/**
 * A query's documents as plain objects, following every change: null until the first answer.
 * `query` is null while what it needs (the database, a region) is not there yet.
 */
export function useLiveRows<T>(query: (() => Live<Plain[]>) | null, deps: unknown[]): T[] | null {
  const [rows, setRows] = useState<T[] | null>(null);
  useEffect(() => {
    if (!query) return;
    const sub = query().$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as T)));
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return rows;
}

/** One document by id, live: undefined while loading, null when there is none. */
export function useLiveDoc<T>(query: (() => Live<Plain | null>) | null, deps: unknown[]): T | null | undefined {
  const [doc, setDoc] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    if (!query) return;
    const sub = query().$.subscribe((d) => setDoc(d ? (d.toJSON() as T) : null));
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return doc;
}
