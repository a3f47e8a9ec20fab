import { describe, expect, it } from 'vitest';
import {
  canEdit,
  clearSession,
  effectiveRegion,
  loadSession,
  memoryStore,
  roleOf,
  saveSession,
  SESSION_KEY,
  userRegions,
  type StoredSession,
} from './session';

const session: StoredSession = {
  server: 'http://127.0.0.1:5990',
  user: 'anna',
  admin: false,
  memberships: [
    { region: 'utrecht', role: 'editor' },
    { region: 'amersfoort', role: 'viewer' },
  ],
  regions: [
    { code: 'utrecht', name: 'Regio Utrecht' },
    { code: 'amersfoort', name: 'Regio Amersfoort' },
  ],
  currentRegion: 'amersfoort',
  loggedInAt: '2026-11-01T10:00:00.000Z',
};

describe('session storage', () => {
  it('round-trips and never stores extra fields such as a password', () => {
    const store = memoryStore();
    saveSession(store, { ...session, password: 'geheim' } as StoredSession);
    expect(store.data.get(SESSION_KEY)).not.toContain('geheim');
    expect(loadSession(store)).toEqual(session);
    clearSession(store);
    expect(loadSession(store)).toBeNull();
  });

  it('treats malformed data as no session', () => {
    const store = memoryStore();
    store.setItem(SESSION_KEY, '{nope');
    expect(loadSession(store)).toBeNull();
    store.setItem(SESSION_KEY, JSON.stringify({ server: 'x' }));
    expect(loadSession(store)).toBeNull();
    store.setItem(SESSION_KEY, JSON.stringify({ server: 'x', user: 'u', memberships: [{ region: 'a', role: 'god' }] }));
    expect(loadSession(store)?.memberships).toEqual([]);
  });
});

describe('roles and regions', () => {
  it('knows what the user may do where', () => {
    expect(userRegions(session)).toEqual(['utrecht', 'amersfoort']);
    expect(canEdit(session, 'utrecht')).toBe(true);
    expect(canEdit(session, 'amersfoort')).toBe(false);
    expect(roleOf(session, 'amersfoort')).toBe('viewer');
    expect(effectiveRegion(session)).toBe('amersfoort');
    expect(effectiveRegion({ ...session, currentRegion: 'gone' })).toBe('utrecht');
  });

  it('gives admins every known region', () => {
    const admin = { ...session, admin: true, memberships: [] };
    expect(userRegions(admin)).toEqual(['utrecht', 'amersfoort']);
    expect(roleOf(admin, 'utrecht')).toBe('admin');
    expect(canEdit(admin, 'utrecht')).toBe(true);
  });
});
