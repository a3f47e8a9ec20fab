import { describe, expect, it } from 'vitest';
import { personSchema, type Organisation } from '../../../shared';
import { buildPerson } from './people';
import { filterOrganisations, indexOrganisations, NO_FILTER, placesOf } from './search';

const meta = { type: 'organisation' as const, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'a', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'a' };
const orgs: Organisation[] = [
  { ...meta, id: 'duo-11CD01', name: 'Kindcentrum Oriënt', kind: 'school', source: 'duo', brin: '11CD', vestiging: '01', sectors: ['po'], place: 'Oldenzaal', region: 'reference' },
  { ...meta, id: 'duo-20AB00', name: 'Het Lyceum', kind: 'school', source: 'duo', brin: '20AB', vestiging: '00', sectors: ['vo'], place: 'Enschede', region: 'reference', closed: true },
  { ...meta, id: 'org-1', name: 'Bibliotheek Oldenzaal', kind: 'overig', place: 'Oldenzaal', region: 'twente' },
];

describe('organisation search and filters', () => {
  const index = indexOrganisations(orgs);
  it('finds by name (accents and prefixes) and by BRIN code', () => {
    expect(filterOrganisations(orgs, index, { ...NO_FILTER, query: 'orient' }).map((o) => o.id)).toEqual(['duo-11CD01']);
    expect(filterOrganisations(orgs, index, { ...NO_FILTER, query: '11CD01' }).map((o) => o.id)).toEqual(['duo-11CD01']);
  });

  it('filters by kind, sector and place and hides closed ones unless asked', () => {
    expect(filterOrganisations(orgs, index, { ...NO_FILTER, place: 'Oldenzaal' }).map((o) => o.id)).toEqual(['org-1', 'duo-11CD01']); // by name
    expect(filterOrganisations(orgs, index, { ...NO_FILTER, kind: 'school' }).map((o) => o.id)).toEqual(['duo-11CD01']);
    expect(filterOrganisations(orgs, index, { ...NO_FILTER, sector: 'vo', showClosed: true }).map((o) => o.id)).toEqual(['duo-20AB00']);
    expect(placesOf(orgs)).toEqual(['Enschede', 'Oldenzaal']);
  });
});

describe('people', () => {
  it('builds a valid person of the region, and keeps bad input for a message at the field', () => {
    const ctx = { region: 'twente', user: 'anna', organisationIds: ['duo-11CD01'] };
    const ok = buildPerson({ name: ' Petra de Boer ', role: 'Directeur', email: 'Petra@Orient.nl', phone: '' }, ctx);
    expect(personSchema.safeParse(ok).success).toBe(true);
    expect(ok).toMatchObject({ name: 'Petra de Boer', email: 'petra@orient.nl', organisationIds: ['duo-11CD01'], region: 'twente' });
    expect(ok).not.toHaveProperty('phone');
    const bad = personSchema.safeParse(buildPerson({ name: '', role: '', email: 'petra@', phone: '12' }, ctx));
    expect(bad.success ? [] : bad.error.issues.map((i) => `${String(i.path[0])}:${i.message}`).sort()).toEqual(['email:invalidEmail', 'name:required', 'phone:invalidPhone']);
  });
});
