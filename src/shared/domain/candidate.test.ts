import { describe, expect, it } from 'vitest';
import { candidateSchema, newCandidate, normalizeCandidate } from './candidate';
import { validate } from './validation';

const ctx = { id: 'c-1', user: 'anna', now: '2026-11-25T10:00:00.000Z' };
const valid = () =>
  newCandidate(
    { firstName: 'Bülent', lastName: 'Yılmaz', ownerRegion: 'twente', regions: ['twente'], email: ' Bulent@Example.NL ' },
    ctx,
  );

describe('candidate', () => {
  it('builds a valid candidate with defaults from minimal input', () => {
    const c = valid();
    const r = validate(candidateSchema, c);
    expect(r.ok).toBe(true);
    expect(c).toMatchObject({
      id: 'c-1',
      type: 'candidate',
      phase: 'nieuw',
      source: 'manual',
      owner: 'anna',
      email: 'bulent@example.nl',
      consent: { given: false },
      createdAt: ctx.now,
      updatedBy: 'anna',
    });
  });

  it('normalises postcode, phone and drops empty optional fields', () => {
    const c = normalizeCandidate({ postcode: '7511ab', phone: ' 06  12345678 ', place: '', motivation: '  ' });
    expect(c).toEqual({ postcode: '7511 AB', phone: '06 12345678' });
  });

  it('names every invalid field with a message key', () => {
    const r = validate(candidateSchema, {
      ...valid(),
      firstName: ' ',
      email: 'not-an-email',
      postcode: '0123 AB',
      phase: 'klaar',
      sectors: ['po', 'po'],
      dateOfBirth: '1990-13-40',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({
      firstName: 'required',
      email: 'invalidEmail',
      postcode: 'invalidPostcode',
      phase: 'invalidChoice',
      sectors: 'duplicate',
      dateOfBirth: 'invalidDate',
    });
    expect(r.reason).toContain('firstName: required');
  });

  it('requires the owner region to be one of the linked regions', () => {
    const r = validate(candidateSchema, { ...valid(), ownerRegion: 'utrecht' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.ownerRegion).toBe('ownerRegionNotLinked');
  });

  it('rejects unknown fields, so a typo never silently stores data', () => {
    const r = validate(candidateSchema, { ...valid(), fristName: 'x' });
    expect(r.ok).toBe(false);
  });

  it('rejects overlong text', () => {
    const r = validate(candidateSchema, { ...valid(), motivation: 'x'.repeat(5001) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.motivation).toBe('tooLong');
  });
});
