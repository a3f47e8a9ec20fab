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

describe('reason texts', () => {
  it('every reason the rules give has a text in Dutch and English', async () => {
    const { MATCH_REASON_KEYS } = await import('../../../shared');
    const nl = (await import('../../i18n/locales/nl/vacancies.json')).default.vacancies.reasons as Record<string, string>;
    const en = (await import('../../i18n/locales/en/vacancies.json')).default.vacancies.reasons as Record<string, string>;
    for (const key of MATCH_REASON_KEYS) {
      expect(nl[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
    }
  });
});
