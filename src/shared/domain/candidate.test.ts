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

describe('phase history', () => {
  it('starts with the intake phase and records every move', async () => {
    const { withPhase } = await import('./candidate');
    const c = valid();
    expect(c.phaseHistory).toEqual([{ to: 'nieuw', at: ctx.now, by: 'anna' }]);
    const moved = withPhase(c, 'orienteren', 'daan', '2026-12-01T09:00:00.000Z');
    expect(moved.phaseHistory?.at(-1)).toEqual({ from: 'nieuw', to: 'orienteren', at: '2026-12-01T09:00:00.000Z', by: 'daan' });
    expect(moved).toMatchObject({ phase: 'orienteren', updatedBy: 'daan' });
    expect(withPhase(moved, 'orienteren', 'x', 'y')).toBe(moved);
    expect(validate(candidateSchema, moved).ok).toBe(true);
  });

  it('migrates a version-0 candidate by starting its history', async () => {
    const { candidateMigrations } = await import('./candidate.collection');
    const { phaseHistory: _dropped, ...v0 } = valid();
    const v1 = candidateMigrations[1]!(v0) as Record<string, unknown>;
    expect(v1.phaseHistory).toEqual([{ to: 'nieuw', at: ctx.now, by: 'anna' }]);
    expect(validate(candidateSchema, v1).ok).toBe(true);
  });
});
