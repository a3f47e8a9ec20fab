import type MiniSearch from 'minisearch';
import type { Organisation } from '../../../shared';
import { filterOrganisations, NO_FILTER } from '../network/search';

/** The picker shows a short list: enough to choose from while typing, cheap to render with 10,000 orgs. */
export const PICKER_LIMIT = 20;

const byIdCache = new WeakMap<readonly Organisation[], Map<string, Organisation>>();
function byIdOf(orgs: readonly Organisation[]): Map<string, Organisation> {
  let m = byIdCache.get(orgs);
  if (!m) byIdCache.set(orgs, (m = new Map(orgs.map((o) => [o.id, o]))));
  return m;
}

/**
 * The organisations offered for a query: the network's own search (names, places, BRIN and other
 * codes), open organisations before closed ones (which stay findable: an old contact may have been
 * there), at most `limit`. Without a query: the region's own organisations by name, since the
 * reference data is too large to browse.
 */
export function pickOrganisations(orgs: readonly Organisation[], index: MiniSearch<Organisation> | null, query: string, home: string, limit = PICKER_LIMIT): Organisation[] {
  const q = query.trim();
  let found: Organisation[];
  if (q && index) {
    // Same index and options as the network list, but the id lookup is kept per data change
    // rather than rebuilt over 10,000 organisations on every keystroke.
    const byId = byIdOf(orgs);
    found = index.search(q).map((r) => byId.get(String(r.id))).filter((o): o is Organisation => !!o);
  } else found = filterOrganisations(q ? orgs : orgs.filter((o) => o.region === home), null, { ...NO_FILTER, query: q, showClosed: true });
  const open = found.filter((o) => !o.closed);
  const closed = found.filter((o) => o.closed);
  return [...open, ...closed].slice(0, limit);
}

/** Official codes shown beside a name so two schools of the same name can be told apart. */
export function codesOf(o: Organisation): string {
  return [o.brin ? `${o.brin}${o.vestiging ? ` ${o.vestiging}` : ''}` : '', o.programmeCode ?? '', o.bevoegdGezag && !o.brin ? o.bevoegdGezag : ''].filter(Boolean).join(' · ');
}
