import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSyncFetch } from './replication';
import { rememberCredentials, forgetCredentials } from '../platform/bridge';
import { syncStatus } from './status';

afterEach(() => {
  vi.unstubAllGlobals();
  forgetCredentials('http://s');
});

describe('sync fetch', () => {
  it('sends the session cookie in web mode and reports the server reachable', async () => {
    const calls: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      calls.push(init);
      return new Response('{}', { status: 200 });
    });
    syncStatus.setState({ serverReachable: false });
    await makeSyncFetch('http://s', false)('http://s/region-x/_changes');
    expect(calls[0]?.credentials).toBe('include');
    expect(new Headers(calls[0]?.headers).get('authorization')).toBeNull();
    expect(syncStatus.getState().serverReachable).toBe(true);
  });

  it('adds Basic credentials on the desktop', async () => {
    const calls: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      calls.push(init);
      return new Response('{}', { status: 200 });
    });
    rememberCredentials('http://s', 'anna', 'wächtwoord');
    await makeSyncFetch('http://s', true)('http://s/region-x/_changes');
    const auth = new Headers(calls[0]?.headers).get('authorization')!;
    expect(auth.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(auth.slice(6), 'base64').toString('utf8')).toBe('anna:wächtwoord');
  });

  it('marks the server unreachable on network errors and flags refused sessions', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(makeSyncFetch('http://s', false)('http://s/x')).rejects.toThrow();
    expect(syncStatus.getState().serverReachable).toBe(false);

    vi.stubGlobal('fetch', async () => new Response('{"error":"unauthorized"}', { status: 401 }));
    await expect(makeSyncFetch('http://s', false)('http://s/x')).rejects.toThrow(/401/);
    expect(syncStatus.getState()).toMatchObject({ serverReachable: true, authProblem: true });
  });
});
