import { describe, expect, it } from 'vitest';
import { sameperson } from './routes';

describe('sameperson (the duplicate rule across regions)', () => {
  const stored = { email: 'sanne.bakker@example.nl', phone: '+31 6 12345678', firstName: 'Sanne', lastName: 'Bakker', dateOfBirth: '1990-12-31' };
  it('matches on e-mail, on the phone number whatever its notation, or on name with date of birth', () => {
    expect(sameperson({ email: 'Sanne.Bakker@Example.nl' }, stored)).toBe(true);
    expect(sameperson({ phone: '06-12345678' }, stored)).toBe(true);
    expect(sameperson({ phone: '0612345678' }, { phone: '+31 6 1234 5678' })).toBe(true);
    expect(sameperson({ firstName: 'sanne', lastName: 'BÄKKER', dateOfBirth: '1990-12-31' }, stored)).toBe(true);
  });
  it('does not match on a name alone, a short number, or another birth date', () => {
    expect(sameperson({ firstName: 'Sanne', lastName: 'Bakker' }, stored)).toBe(false);
    expect(sameperson({ phone: '12345' }, { phone: '12345' })).toBe(false);
    expect(sameperson({ firstName: 'Sanne', lastName: 'Bakker', dateOfBirth: '1991-12-31' }, stored)).toBe(false);
  });
});
