import { foldText, isReferenceOrganisation, isRegionNote, type Organisation } from '../../../shared';

export type OrgDuplicateRule = 'codes' | 'namePlace' | 'website';

export interface OrgDuplicateGroup {
  /** The region's own organisations first (oldest first), then reference organisations. */
  ids: string[];
  rules: OrgDuplicateRule[];
}

/** Names compared without case, accents, punctuation or spacing: `Basisschool 't Ven` = `basisschool t ven`. */
export function foldName(s: string): string {
  return foldText(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A website's domain without `www.` and scheme: `https://www.ven.nl/contact` → `ven.nl`. */
export function domainOf(url: string | undefined): string | null {
  if (!url?.trim()) return null;
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#:\s]+)/i.exec(url.trim());
  const host = m?.[1]?.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  return host && host.includes('.') ? host : null;
}

/**
 * A website shared by more organisations than this is a board's or a municipality's site (DUO
 * lists the board's address for many of its schools), not evidence that two records are one.
 */
const MAX_PER_DOMAIN = 3;

function keysOf(o: Organisation): [OrgDuplicateRule, string][] {
  const keys: [OrgDuplicateRule, string][] = [];
  if (o.brin) keys.push(['codes', `brin:${o.brin}${o.vestiging ?? ''}`]);
  if (o.bevoegdGezag) keys.push(['codes', `bg:${o.bevoegdGezag.replace(/^0+/, '')}`]);
  if (o.programmeCode) keys.push(['codes', `prog:${foldName(o.programmeCode)}`]);
  const name = foldName(o.name);
  if (name && o.place?.trim()) keys.push(['namePlace', `np:${name}|${foldName(o.place)}`]);
  const postcode = o.postcode?.replace(/\s+/g, '').toUpperCase();
  if (name && postcode) keys.push(['namePlace', `npc:${name}|${postcode}`]);
  const domain = domainOf(o.website);
  if (domain) keys.push(['website', `web:${domain}`]);
  return keys;
}

/**
 * Likely duplicate organisations for a region: its own organisations against each other and
 * against the reference organisations (same official codes, same name and place or postcode, or
 * same website domain). Reference organisations are never compared with each other: a region
 * cannot change them, so such a group would offer nothing to do. Only groups holding at least
 * one of the region's own organisations are returned.
 */
export function findOrganisationDuplicates(orgs: readonly Organisation[], region: string): OrgDuplicateGroup[] {
  const list = orgs.filter((o) => !isRegionNote(o) && (isReferenceOrganisation(o) || o.region === region));
  const own = (o: Organisation) => !isReferenceOrganisation(o);
  const byKey = new Map<string, { rule: OrgDuplicateRule; members: number[] }>();
  list.forEach((o, i) => {
    for (const [rule, key] of keysOf(o)) {
      const entry = byKey.get(key) ?? { rule, members: [] };
      if (entry.members.at(-1) !== i) entry.members.push(i);
      byKey.set(key, entry);
    }
  });

  // Union-find over the pairs that involve an own organisation.
  const parent = list.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const rulesOf = new Map<number, Set<OrgDuplicateRule>>();
  for (const { rule, members } of byKey.values()) {
    if (members.length < 2 || !members.some((i) => own(list[i]!))) continue;
    if (rule === 'website' && members.length > MAX_PER_DOMAIN) continue;
    const ownMembers = members.filter((i) => own(list[i]!));
    const linked = new Set<number>();
    for (const a of ownMembers) for (const b of members) if (a !== b) (linked.add(a), linked.add(b), (parent[find(a)] = find(b)));
    for (const i of linked) (rulesOf.get(i) ?? rulesOf.set(i, new Set()).get(i)!).add(rule);
  }

  const groups = new Map<number, number[]>();
  for (const i of rulesOf.keys()) (groups.get(find(i)) ?? groups.set(find(i), []).get(find(i))!).push(i);
  const order = (a: Organisation, b: Organisation) =>
    Number(own(b)) - Number(own(a)) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => {
      const members = g.map((i) => list[i]!).sort(order);
      const rules = new Set(g.flatMap((i) => [...rulesOf.get(i)!]));
      return { ids: members.map((o) => o.id), rules: (['codes', 'namePlace', 'website'] as const).filter((r) => rules.has(r)) };
    })
    .sort((a, b) => a.ids[0]!.localeCompare(b.ids[0]!));
}
