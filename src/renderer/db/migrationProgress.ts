import type { Observable, Subscription } from 'rxjs';
import type { RxMigrationState } from 'rxdb/plugins/migration-schema';

/**
 * Progress of the schema migrations that run while the database opens (`migration.ts`, right
 * after `addCollections`). After a schema change the first start copies every document once
 * (20,000 candidates: about a minute in Chromium on a loaded machine), so the start screen shows
 * how far it is instead of a still "opening" line. Kept outside the app's store on
 * purpose: the database layer reports it before there is a database to put in that store.
 */
export interface MigrationProgress {
  /** Documents copied so far, over all collections being migrated. */
  handled: number;
  total: number;
}

let current: MigrationProgress | null = null;
const listeners = new Set<() => void>();

function set(next: MigrationProgress | null): void {
  current = next;
  for (const fn of listeners) fn();
}

export function migrationProgress(): MigrationProgress | null {
  return current;
}

export function onMigrationProgress(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * Follows every migration RxDB starts on this database and sums their counters. Answers a
 * function to call once the collections are open: it stops following and clears the progress.
 */
export function followMigrations(db: { migrationStates(): Observable<RxMigrationState[]> }): () => void {
  const byCollection = new Map<string, { handled: number; total: number }>();
  const subs: Subscription[] = [];
  let stopped = false;
  const publish = () => {
    let handled = 0;
    let total = 0;
    for (const c of byCollection.values()) {
      handled += c.handled;
      total += c.total;
    }
    if (total > 0) set({ handled: Math.min(handled, total), total });
  };
  subs.push(
    db.migrationStates().subscribe((states) => {
      for (const state of states) {
        const name = state.collection.name;
        if (byCollection.has(name)) continue;
        byCollection.set(name, { handled: 0, total: 0 });
        // RxDB announces a migration state from inside its constructor, before it sets its `$`.
        queueMicrotask(() => {
          if (stopped) return;
          subs.push(
            state.$.subscribe((s) => {
              byCollection.set(name, { handled: s.count.handled, total: s.count.total });
              publish();
            }),
          );
        });
      }
    }),
  );
  return () => {
    stopped = true;
    for (const s of subs) s.unsubscribe();
    set(null);
  };
}
