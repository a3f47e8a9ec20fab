import { describe, expect, it } from 'vitest';
import { EMPTY_VACANCY, vacancyFromForm } from './actions';

const ctx = { id: 'vac-test0001', region: 'twente', user: 'anna', now: '2026-11-25T10:00:00.000Z', organisationName: 'Het Lyceum' };

describe('vacancy form', () => {
  it('turns the form into a valid vacancy, ignoring helper fields of the form', () => {
    const r = vacancyFromForm({ ...EMPTY_VACANCY, title: 'Docent', organisationId: 'org-1', sector: 'vo', hoursPerWeek: '32', ...({ newOrgName: 'x' } as object) }, ctx);
    expect(r.ok && r.value).toMatchObject({ title: 'Docent', organisationName: 'Het Lyceum', hoursPerWeek: 32, status: 'open', public: false });
  });

  it('names each bad field, the organisation included', () => {
    const r = vacancyFromForm({ ...EMPTY_VACANCY, hoursPerWeek: '80', postcode: 'abc', contactEmail: 'nee' }, { ...ctx, organisationName: undefined });
    expect(r.ok ? {} : r.errors).toMatchObject({ title: 'required', organisationId: 'required', sector: 'invalidChoice', hoursPerWeek: 'invalidNumber', postcode: 'invalidPostcode', contactEmail: 'invalidEmail' });
  });
});
