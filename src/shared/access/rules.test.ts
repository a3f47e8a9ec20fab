import { describe, expect, it } from 'vitest';
import type { Principal } from './roles';
import { canManageRegion, canReadRegion, canWriteRegion, regionDbName, regionOfDb } from './rules';

const user = (memberships: Principal['memberships'], admin = false): Principal => ({ name: 'u', admin, memberships });
const anna = user([{ region: 'twente', role: 'editor' }]);
const vera = user([{ region: 'twente', role: 'viewer' }]);
const carla = user([{ region: 'twente', role: 'supervisor' }]);
const admin = user([], true);

describe('region access', () => {
  it.each([
    ['editor', anna, true, true, false],
    ['viewer', vera, true, false, false],
    ['supervisor', carla, true, true, true],
    ['admin', admin, true, true, true],
  ] as const)('%s in own region: read %s, write %s, manage %s', (_n, p, read, write, manage) => {
    expect(canReadRegion(p, 'twente')).toBe(read);
    expect(canWriteRegion(p, 'twente')).toBe(write);
    expect(canManageRegion(p, 'twente')).toBe(manage);
  });

  it('gives members nothing in another region', () => {
    for (const p of [anna, vera, carla]) {
      expect(canReadRegion(p, 'utrecht')).toBe(false);
      expect(canWriteRegion(p, 'utrecht')).toBe(false);
    }
  });

  it('maps region codes to database names and back', () => {
    expect(regionDbName('zuid-limburg')).toBe('region-zuid-limburg');
    expect(regionOfDb('region-twente')).toBe('twente');
    expect(regionOfDb('_users')).toBeNull();
    expect(regionOfDb('region-')).toBeNull();
    expect(regionOfDb('region-../x')).toBeNull();
    expect(() => regionDbName('Twente!')).toThrow();
  });
});
