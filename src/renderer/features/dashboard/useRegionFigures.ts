import { useEffect, useState } from 'react';
import { FigureAggregator, type Candidate, type DashboardFigures, type FigureFilter } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { inRegion } from '../candidates/list';

export interface RegionFigures {
  figures: DashboardFigures | null;
  /** Owners of the region's files (unfiltered), for the owner filter. */
  owners: string[];
}

function regionDoc(doc: unknown, region: string): Candidate | null {
  const c = doc as (Candidate & { _deleted?: boolean }) | undefined;
  return c && !c._deleted && inRegion(c, region) ? c : null;
}

/**
 * Live figures of one region: one full count when opened, then each change event (a local write
 * or a document arriving through sync) is applied to the aggregator on its own, so a change costs
 * the same with 100 or 100,000 candidates. What is counted is kept per id, which makes applying
 * an event twice harmless (events that raced the first query).
 */
export function useRegionFigures(db: RegiodeskDatabase | null, region: string, filter: FigureFilter): RegionFigures {
  const [state, setState] = useState<RegionFigures>({ figures: null, owners: [] });
  const key = JSON.stringify(filter);
  useEffect(() => {
    if (!db) return;
    let alive = true;
    const f = JSON.parse(key) as FigureFilter;
    const counted = new Map<string, Candidate>();
    const owners = new Map<string, number>();
    const agg = new FigureAggregator(f);
    let loaded = false;
    let queued: { id: string; doc: unknown }[] = [];
    const ownerDelta = (c: Candidate | undefined | null, d: number) => {
      if (!c) return;
      const n = (owners.get(c.owner) ?? 0) + d;
      if (n > 0) owners.set(c.owner, n);
      else owners.delete(c.owner);
    };
    const apply = (id: string, doc: unknown) => {
      const old = counted.get(id) ?? null;
      const next = regionDoc(doc, region);
      if (old === next) return;
      agg.apply(old, next);
      ownerDelta(old, -1);
      ownerDelta(next, 1);
      if (next) counted.set(id, next);
      else counted.delete(id);
    };
    const publish = () => {
      if (alive) setState({ figures: agg.figures(), owners: [...owners.keys()].sort() });
    };
    const sub = db.candidates.eventBulks$.subscribe((bulk) => {
      const events = bulk.events.map((e) => ({ id: e.documentId, doc: e.operation === 'DELETE' ? null : e.documentData }));
      if (!loaded) {
        queued.push(...events);
        return;
      }
      for (const e of events) apply(e.id, e.doc);
      publish();
    });
    void db.candidates
      .find()
      .exec()
      .then((docs) => {
        for (const d of docs) apply(d.primary, d._data);
        for (const e of queued) apply(e.id, e.doc);
        queued = [];
        loaded = true;
        publish();
      });
    return () => {
      alive = false;
      sub.unsubscribe();
    };
  }, [db, region, key]);
  return state;
}
