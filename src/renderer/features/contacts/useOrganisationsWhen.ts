import { useEffect, useState } from 'react';
import { isRegionNote, REFERENCE_REGION, type Organisation } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/**
 * The region's own and the reference organisations, read only once `enabled`: the reference data
 * holds up to ~10,000 documents, and most visits to a candidate file never link a school, so the
 * file does not pay for reading them until the advisor starts the picker.
 */
export function useOrganisationsWhen(db: RegiodeskDatabase, region: string, enabled: boolean): Organisation[] | null {
  const [orgs, setOrgs] = useState<Organisation[] | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    const s = db.organisations
      .find({ selector: { region: { $in: [region, REFERENCE_REGION] } } })
      // A region's note about a reference organisation is no organisation to pick.
      .$.subscribe((d) => setOrgs(d.map((x) => x.toJSON() as Organisation).filter((o) => !isRegionNote(o))));
    return () => s.unsubscribe();
  }, [db, region, enabled]);
  return enabled ? orgs : null;
}
