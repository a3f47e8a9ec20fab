import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import type { Subscription } from 'rxjs';
import { regionDbName, type Candidate } from '../../shared';
import type { RegiodeskDatabase } from '../db/database';
import { basicAuth, credentialsFor, isDesktop } from '../platform/bridge';
import { pullModifierFor, pushModifierFor } from './modifiers';
import { removePending, syncStatus } from './status';

export interface SyncHandle {
  states: RxCouchDBReplicationState<Candidate>[];
  reSync(): void;
  stop(): Promise<void>;
}

/**
 * fetch for the replications: the AuthSession cookie in web mode, a Basic header from the
 * bridge's stored credentials on the desktop. It also tells the status indicator whether the
 * server answers, which is a better signal than navigator.onLine.
 */
export function makeSyncFetch(server: string, desktop = isDesktop()): typeof fetch {
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if (desktop) {
      const creds = await credentialsFor(server);
      if (creds) headers.set('authorization', basicAuth(creds.user, creds.password));
    }
    let res: Response;
    try {
      res = await fetch(input, { ...init, headers, credentials: 'include', cache: 'no-store' });
    } catch (e) {
      syncStatus.setState({ serverReachable: false });
      throw e;
    }
    syncStatus.setState({ serverReachable: true, authProblem: res.status === 401 });
    if (!res.ok && res.status !== 404 && res.status !== 409) {
      // Throwing makes RxDB retry after retryTime instead of parsing an error body as data.
      throw new Error(`HTTP ${res.status} for ${typeof input === 'string' ? input : String(input)}`);
    }
    return res;
  };
  return wrapped as typeof fetch;
}

/**
 * One live CouchDB replication per region the user has, all into the one candidates collection.
 * Never awaited by the UI: the app works from local data and this catches up in the background.
 */
export function startSync(db: RegiodeskDatabase, server: string, regions: string[]): SyncHandle {
  const fetchFn = makeSyncFetch(server);
  const subs: Subscription[] = [];
  const activeNow = new Map<string, boolean>();
  let failedDuringCycle = false;
  let stopped = false;

  const states = regions.map((code) => {
    const state = replicateCouchDB<Candidate>({
      replicationIdentifier: `regiodesk-${server}-${regionDbName(code)}`,
      collection: db.candidates,
      url: `${server}/${regionDbName(code)}/`,
      live: true,
      retryTime: 5000,
      waitForLeadership: true,
      fetch: fetchFn,
      pull: { batchSize: 200, modifier: pullModifierFor(code) as any },
      push: { batchSize: 50, modifier: pushModifierFor(code) as any },
    });
    subs.push(
      state.active$.subscribe((active) => {
        const was = activeNow.get(code) ?? false;
        activeNow.set(code, active);
        const count = [...activeNow.values()].filter(Boolean).length;
        const patch: Partial<ReturnType<typeof syncStatus.getState>> = { active: count };
        if (was && count === 0) {
          if (!failedDuringCycle && syncStatus.getState().serverReachable !== false) {
            patch.lastSyncAt = new Date().toISOString();
          }
          failedDuringCycle = false;
        }
        syncStatus.setState(patch);
      }),
      state.error$.subscribe((err) => {
        failedDuringCycle = true;
        if (import.meta.env.DEV) console.warn(`[sync ${code}]`, err);
      }),
      state.sent$.subscribe((doc) => {
        syncStatus.setState((s) => ({ pending: removePending(s.pending, doc.id) }));
      }),
    );
    return state;
  });

  const reSync = () => {
    if (stopped) return;
    for (const s of states) s.reSync();
  };
  const onOnline = () => reSync();
  window.addEventListener('online', onOnline);
  // The long-poll only notices a returning server when something changes; ask now and then.
  const timer = setInterval(() => {
    if (syncStatus.getState().serverReachable === false && navigator.onLine) reSync();
  }, 10_000);
  syncStatus.setState({ running: true });

  return {
    states,
    reSync,
    async stop() {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
      for (const s of subs) s.unsubscribe();
      await Promise.all(states.map((s) => s.cancel()));
      syncStatus.setState({ running: false, active: 0 });
    },
  };
}
