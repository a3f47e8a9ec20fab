/**
 * The replications are paused while the browser is offline and started again when it is back.
 *
 * Without the pause, the first local edit made offline starts a push that fails and waits in
 * RxDB's retry loop, and every later edit queues behind it: back online, that left-over push (often
 * one document) went first, and the day's other edits followed as a second batch only after its
 * meta write, behind the pull's storage work (npm run bench:sync-browser, part b). Paused, RxDB
 * ignores the offline edits' change events, and start() re-syncs from the push's checkpoint, which
 * never moved past them: the day's edits go out as one batch, read before the pull starts storing.
 *
 * Only replications that are running are paused (one still waiting for leadership stays as it is,
 * so it is never started in a tab that is not the leader), and only those paused here are resumed;
 * the others are asked to re-sync as before.
 */
import { RxReplicationState } from 'rxdb/plugins/replication';

export interface Switchable {
  pause(): Promise<unknown>;
  reSync(): void;
  isPaused(): boolean;
  isStopped(): boolean;
  /** Set by RxDB once the replication has started (RxReplicationState). */
  readonly internalReplicationState?: unknown;
}

/**
 * RxDB's start() of a paused replication: unpause, then re-sync once. Not `state.start()`: the
 * CouchDB plugin replaces start() on each state with one that also begins another live `_changes`
 * loop, and its first loop never ended (it runs until the replication is cancelled, paused or not),
 * so every offline spell would add a loop and its requests.
 */
export const resumeReplication = (s: Switchable): Promise<unknown> => RxReplicationState.prototype.start.call(s as unknown as RxReplicationState<unknown, unknown>);

export class OfflinePause<S extends Switchable = Switchable> {
  private readonly paused = new Set<S>();

  constructor(
    private readonly states: readonly S[],
    private readonly resume: (s: S) => Promise<unknown> = resumeReplication,
  ) {}

  /** The browser went offline: pause every running replication. */
  offline(): void {
    for (const s of this.states) {
      if (s.isStopped() || !s.internalReplicationState || s.isPaused() || this.paused.has(s)) continue;
      this.paused.add(s);
      void s.pause();
    }
  }

  /** Back online: resume what was paused here (which re-syncs both directions), re-sync the rest. */
  online(): void {
    for (const s of this.states) {
      if (s.isStopped()) continue;
      // Resuming re-syncs (RxDB: "If started after a pause, just re-sync once").
      if (this.paused.has(s)) this.resume(s).catch(() => {}); // errors of start() arrive on error$
      else s.reSync();
    }
    this.paused.clear();
  }

  /** How many replications are paused by the offline state (status, tests). */
  get pausedCount(): number {
    return this.paused.size;
  }
}
