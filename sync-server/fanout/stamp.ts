import { Hlc, stampFields } from '../../src/shared';
import type { Json } from '../store/types';

const clock = new Hlc('server');

/**
 * Stamps a change the server makes to a document (a link from an accepted referral, an unlink)
 * with per-field hybrid logical clocks, later than every clock the document carries, so that it
 * merges on laptops like an advisor's edit instead of losing to older clocks.
 */
export function serverEdit(before: Json, after: Json): Json {
  const clocks = before.fieldClocks;
  if (clocks && typeof clocks === 'object') for (const c of Object.values(clocks as Record<string, string>)) clock.receive(c);
  return stampFields(before, after, () => clock.tick());
}
