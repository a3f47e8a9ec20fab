import MiniSearch from 'minisearch';
import { isReferenceOrganisation, type Organisation, type OrganisationKind, type Sector } from '../../../shared';

export interface OrganisationFilter {
  query: string;
  kind: OrganisationKind | '';
  sector: Sector | '';
  place: string;
  showClosed: boolean;
}

export const NO_FILTER: OrganisationFilter = { query: '', kind: '', sector: '', place: '', showClosed: false };

/** Full-text index over names, places and official codes; typing `12AB` finds a school by BRIN. */
export function indexOrganisations(orgs: readonly Organisation[]): MiniSearch<Organisation> {
  const index = new MiniSearch<Organisation>({
    fields: ['name', 'place', 'codes', 'street'],
    extractField: (doc, field) => {
      if (field === 'codes') return [doc.brin, doc.brin && doc.vestiging ? doc.brin + doc.vestiging : '', doc.bevoegdGezag, doc.programmeCode].filter(Boolean).join(' ');
      return String((doc as Record<string, unknown>)[field] ?? '');
    },
    searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND', boost: { name: 2, codes: 3 } },
  });
  index.addAll(orgs);
  return index;
}

/** The organisations matching the filter: by relevance when searching, else by name. */
export function filterOrganisations(orgs: readonly Organisation[], index: MiniSearch<Organisation> | null, f: OrganisationFilter): Organisation[] {
  let list: Organisation[];
  if (f.query.trim() && index) {
    const byId = new Map(orgs.map((o) => [o.id, o]));
    list = index.search(f.query.trim()).map((r) => byId.get(String(r.id))).filter((o): o is Organisation => !!o);
  } else list = [...orgs].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return list.filter(
    (o) =>
      (f.showClosed || !o.closed) &&
      (!f.kind || o.kind === f.kind) &&
      (!f.sector || (o.sectors ?? []).includes(f.sector)) &&
      (!f.place || o.place === f.place),
  );
}

export function placesOf(orgs: readonly Organisation[]): string[] {
  return [...new Set(orgs.map((o) => o.place).filter((p): p is string => !!p))].sort((a, b) => a.localeCompare(b, 'nl'));
}

export const isReadOnly = (o: Organisation) => isReferenceOrganisation(o);
