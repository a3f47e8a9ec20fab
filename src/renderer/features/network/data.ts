import { isRegionNote, REFERENCE_REGION, type Organisation } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { useLive } from './live';

/** The organisations a region sees: the shared reference data and its own (its notes about reference organisations are no organisations). */
export function useOrganisations(db: RegiodeskDatabase, region: string | null): Organisation[] | null {
  return useLive<Organisation[]>((set) => {
    const regions = region ? [region, REFERENCE_REGION] : [REFERENCE_REGION];
    const s = db.organisations.find({ selector: { region: { $in: regions } } }).$.subscribe((d) => set(d.map((x) => x.toJSON() as Organisation).filter((o) => !isRegionNote(o))));
    return () => s.unsubscribe();
  }, [db, region]);
}
