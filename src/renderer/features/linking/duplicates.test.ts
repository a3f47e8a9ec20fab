import { describe, expect, it } from 'vitest';
import { checkable, samePerson, type PersonKeys } from './duplicates';

const keys = (k: Partial<PersonKeys>): PersonKeys => ({ email: '', phone: '', firstName: '', lastName: '', dateOfBirth: '', ...k });

describe('duplicate check while typing', () => {
  it('checks only once there is something that identifies a person', () => {
    expect(checkable(keys({ firstName: 'Sanne', lastName: 'Bakker' }))).toBe(false);
    expect(checkable(keys({ email: 'sanne@' }))).toBe(false);
    expect(checkable(keys({ email: 'sanne@example.nl' }))).toBe(true);
    expect(checkable(keys({ phone: '06-1234' }))).toBe(false);
    expect(checkable(keys({ phone: '06 12345678' }))).toBe(true);
    expect(checkable(keys({ lastName: 'Bakker', dateOfBirth: '1990-12-31' }))).toBe(true);
  });

  it('uses the same rule as the server: e-mail, phone digits, or name with date of birth', () => {
    const c = { email: 'sanne.bakker@example.nl', phone: '+31 6 12345678', firstName: 'Sanne', lastName: 'Bakker', dateOfBirth: '1990-12-31' };
    expect(samePerson(keys({ email: ' Sanne.Bakker@Example.nl ' }), c)).toBe(true);
    expect(samePerson(keys({ phone: '06-12345678' }), c)).toBe(true);
    expect(samePerson(keys({ firstName: 'sanne', lastName: 'BÄKKER', dateOfBirth: '1990-12-31' }), c)).toBe(true);
    expect(samePerson(keys({ firstName: 'Sanne', lastName: 'Bakker', dateOfBirth: '1991-12-31' }), c)).toBe(false);
    expect(samePerson(keys({ email: 'andere@example.nl' }), c)).toBe(false);
  });
});
