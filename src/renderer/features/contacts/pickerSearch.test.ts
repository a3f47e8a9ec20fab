import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../../shared';
import { indexOrganisations } from '../network/search';
import { codesOf, pickOrganisations } from './pickerSearch';

const meta = { type: 'organisation' as const, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'a', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'a' };
const orgs: Organisation[] = [
  { ...meta, id: 'duo-20AB00', name: 'Het Lyceum Oldenzaal', kind: 'school', source: 'duo', brin: '20AB', vestiging: '00', place: 'Oldenzaal', region: 'reference', closed: true },
  { ...meta, id: 'duo-11CD01', name: 'Kindcentrum Oriënt', kind: 'school', source: 'duo', brin: '11CD', vestiging: '01', place: 'Oldenzaal', region: 'reference' },
  { ...meta, id: 'org-1', name: 'Bibliotheek Oldenzaal', kind: 'overig', place: 'Oldenzaal', region: 'twente' },
  { ...meta, id: 'org-2', name: 'Gemeente Almelo', kind: 'overig', region: 'achterhoek' },
  ...Array.from({ length: 40 }, (_, i) => ({ ...meta, id: `duo-school-${i}`, name: `Basisschool Nummer ${i}`, kind: 'school' as const, source: 'duo' as const, region: 'reference' })),
];

describe('organisation picker search', () => {
  const index = indexOrganisations(orgs);
  it('finds reference and own organisations by part of a name, a place or a BRIN code, closed ones last', () => {
    expect(pickOrganisations(orgs, index, 'orië', 'twente').map((o) => o.id)).toEqual(['duo-11CD01']);
    expect(pickOrganisations(orgs, index, '11CD', 'twente').map((o) => o.id)).toEqual(['duo-11CD01']);
    const inPlace = pickOrganisations(orgs, index, 'oldenzaal', 'twente').map((o) => o.id);
    expect(inPlace.sort()).toEqual(['duo-11CD01', 'duo-20AB00', 'org-1'].sort());
    expect(pickOrganisations(orgs, index, 'oldenzaal', 'twente').at(-1)?.id).toBe('duo-20AB00');
  });

  it('limits the list, and without a query offers only the region’s own organisations', () => {
    expect(pickOrganisations(orgs, index, 'basisschool', 'twente')).toHaveLength(20);
    expect(pickOrganisations(orgs, index, '', 'twente').map((o) => o.id)).toEqual(['org-1']);
    expect(pickOrganisations(orgs, index, 'zzzqqq', 'twente')).toEqual([]);
  });

  it('shows BRIN and location so two schools of one name can be told apart', () => {
    expect(codesOf(orgs[1]!)).toBe('11CD 01');
    expect(codesOf(orgs[2]!)).toBe('');
  });
});
