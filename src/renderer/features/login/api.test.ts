import { describe, expect, it } from 'vitest';
import { LoginError, normalizeServer, sessionFromResponse } from './api';

describe('sessionFromResponse', () => {
  it('keeps memberships and region names', () => {
    const s = sessionFromResponse(
      'http://x',
      {
        userCtx: { name: 'anna', roles: [] },
        regiodesk: {
          admin: false,
          memberships: [{ region: 'utrecht', role: 'editor' }, { region: 'zwolle', role: 'viewer' }],
          regions: [{ code: 'utrecht', name: 'Regio Utrecht' }],
        },
      },
      '2026-11-01T00:00:00.000Z',
    );
    expect(s.user).toBe('anna');
    expect(s.currentRegion).toBe('utrecht');
    expect(s.regions).toEqual([
      { code: 'utrecht', name: 'Regio Utrecht' },
      { code: 'zwolle', name: 'zwolle' },
    ]);
  });

  it('rejects an anonymous session', () => {
    expect(() => sessionFromResponse('http://x', { userCtx: { name: null } }, 'now')).toThrow(LoginError);
  });
});

describe('normalizeServer', () => {
  it('strips trailing slashes and refuses other schemes', () => {
    expect(normalizeServer(' http://127.0.0.1:5990/ ')).toBe('http://127.0.0.1:5990');
    expect(() => normalizeServer('ftp://x')).toThrow(LoginError);
    expect(() => normalizeServer('nonsense')).toThrow(LoginError);
  });
});
