import { describe, expect, it } from 'vitest';
import { checkRegionDocument } from './documents';
import { matchSchema, matchTombstone, newMatch, withStep } from './match';
import { newVacancy, vacancySchema, vacancyTombstone } from './vacancy';
import { validate } from './validation';

const ctx = { id: 'vac-abc123', region: 'twente', user: 'anna', now: '2026-11-25T10:00:00.000Z' };
const vacancy = newVacancy(
  { title: ' Docent wiskunde ', organisationId: 'org-1', organisationName: 'Het Lyceum', function: 'docent', sector: 'vo', subjects: ['wiskunde'], postcode: '7511ab', contactEmail: 'HR@School.nl', contactName: '', public: true },
  ctx,
);

describe('vacancy', () => {
  it('normalises input and validates with the shared schema', () => {
    expect(vacancy).toMatchObject({ title: 'Docent wiskunde', postcode: '7511 AB', contactEmail: 'hr@school.nl', status: 'open', routes: [] });
    expect(vacancy).not.toHaveProperty('contactName');
    expect(validate(vacancySchema, vacancy).ok).toBe(true);
  });

  it('names the field of bad input', () => {
    const r = validate(vacancySchema, { ...vacancy, title: ' ', hoursPerWeek: 80, postcode: '12' });
    expect(r.ok ? {} : r.errors).toMatchObject({ title: 'required', hoursPerWeek: 'invalidNumber', postcode: 'invalidPostcode' });
  });

  it('is a document kind of its region on the server, with a valid tombstone', () => {
    const wire = { ...vacancy, _id: vacancy.id } as Record<string, unknown>;
    delete wire.id;
    expect(checkRegionDocument('twente', wire)).toMatchObject({ ok: true, type: 'vacancy' });
    expect(checkRegionDocument('utrecht', wire)).toMatchObject({ ok: false });
    expect(validate(vacancySchema, vacancyTombstone('vac-gone1', 'twente')).ok).toBe(true);
  });
});

describe('match', () => {
  const m = newMatch({ candidateId: 'cand-1', vacancyId: vacancy.id, region: 'twente', date: '2026-11-25', note: ' past goed ' }, { user: 'anna', now: ctx.now });

  it('has one id per candidate and vacancy and keeps every step', () => {
    expect(m.id).toBe('cand-1:m:vac-abc123');
    const later = withStep(withStep(m, 'gesprek', '2026-12-01', 'goed gesprek', 'anna', ctx.now), 'aangenomen', '2026-12-10', undefined, 'anna', ctx.now);
    expect(later.step).toBe('aangenomen');
    expect(later.history.map((h) => h.step)).toEqual(['voorgesteld', 'gesprek', 'aangenomen']);
    expect(later.history[0]!.note).toBe('past goed');
    expect(validate(matchSchema, later).ok).toBe(true);
  });

  it('rejects a forged id, a bad step and is accepted by its region', () => {
    expect(validate(matchSchema, { ...m, id: 'other:m:vac-abc123' }).ok).toBe(false);
    expect(validate(matchSchema, { ...m, step: 'getrouwd' }).ok).toBe(false);
    const wire = { ...m, _id: m.id } as Record<string, unknown>;
    delete wire.id;
    expect(checkRegionDocument('twente', wire)).toMatchObject({ ok: true, type: 'match' });
    expect(validate(matchSchema, matchTombstone(m.id, 'twente')).ok).toBe(true);
  });
});
