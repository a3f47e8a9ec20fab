import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { REFERENCE_DB } from '../../shared';
import type { RegiodeskDatabase } from '../db/database';
import { kindOf, pullModifierFor } from './modifiers';
import { makeSyncFetch, PULL_BATCH_SIZE } from './replication';

export interface ReferenceSyncHandle {
  /** Pulls what changed since the last pull (after an import, on reconnect). */
  reSync(): void;
  stop(): Promise<void>;
}

/** Reference data changes a few times a year: a periodic pull is enough, no live connection held. */
export const REFERENCE_PULL_EVERY_MS = 10 * 60_000;

/**
 * Pull-only replication of the reference database (DUO schools and boards, programmes) into the
 * organisations collection. Nothing is ever pushed: the documents carry `region: 'reference'`,
 * which no user is a member of, so the region replications' push modifiers skip them too. Not
 * live (each live pull holds a connection, and the browser has six per host): one pull now, one
 * on reSync and every ten minutes, each resuming from its checkpoint.
 */
export function startReferenceSync(db: RegiodeskDatabase, server: string): ReferenceSyncHandle {
  const fetchFn = makeSyncFetch(server);
  const kind = kindOf('organisation')!;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let current: { cancel(): Promise<unknown> } | null = null;
  const pullOnce = async () => {
    const state = replicateCouchDB<any>({
      replicationIdentifier: `regiodesk-${server}-${REFERENCE_DB}`,
      collection: db.organisations,
      url: `${server}/${REFERENCE_DB}/`,
      live: false,
      retryTime: 5000,
      waitForLeadership: true,
      fetch: fetchFn,
      pull: { batchSize: PULL_BATCH_SIZE, modifier: pullModifierFor(REFERENCE_DB, kind) as any },
    });
    current = state;
    try {
      await state.awaitInSync();
    } finally {
      current = null;
      await state.cancel();
    }
  };
  const reSync = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pullOnce()
      .catch(() => undefined) // offline or server down: the next turn tries again
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          reSync();
        }
      });
  };
  reSync();
  const timer = setInterval(reSync, REFERENCE_PULL_EVERY_MS);
  const onOnline = () => reSync();
  window.addEventListener('online', onOnline);
  return {
    reSync,
    async stop() {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
      // Offline, a pull retries until cancelled: cancel rather than wait for it.
      await current?.cancel();
    },
  };
}
