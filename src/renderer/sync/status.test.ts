import { describe, expect, it } from 'vitest';
import { addPending, removePending, statusKind, type SyncStatusState } from './status';

const base: SyncStatusState = {
  browserOnline: true,
  serverReachable: true,
  authProblem: false,
  active: 0,
  lastSyncAt: null,
  pending: [],
  running: true,
};

describe('statusKind', () => {
  it('is offline when the browser or the server says so', () => {
    expect(statusKind({ ...base, browserOnline: false })).toBe('offline');
    expect(statusKind({ ...base, serverReachable: false, active: 2 })).toBe('offline');
  });
  it('is syncing while a replication is active, else online', () => {
    expect(statusKind({ ...base, active: 1 })).toBe('syncing');
    expect(statusKind(base)).toBe('online');
    expect(statusKind({ ...base, serverReachable: null })).toBe('online');
    expect(statusKind({ ...base, authProblem: true })).toBe('authProblem');
  });
});

describe('pending changes', () => {
  it('counts each document once', () => {
    let p = addPending([], 'a');
    p = addPending(p, 'a');
    p = addPending(p, 'b');
    expect(p).toEqual(['a', 'b']);
    expect(removePending(p, 'a')).toEqual(['b']);
    expect(removePending(p, 'zz')).toBe(p);
  });
});
