import { cloneTree, type Local, type Meta } from './log-meta';
import type { LogFile } from './log-file';
import type { LogState } from './log-state';

export type WriteJob = { kind: 'write'; compute(stage: Stage): string[]; settle(err?: unknown): void };
export type ExclusiveJob = { kind: 'exclusive'; run(): Promise<void>; resolve(): void; reject(err: unknown): void };

/** Writes of one commit group, invisible to readers until their line is on disk. */
export class Stage {
  readonly metas = new Map<string, Meta>();
  readonly locals = new Map<string, Local | null>();
  seq: number;
  constructor(private state: LogState) {
    this.seq = state.seq;
  }
  meta(id: string): Meta | undefined {
    let m = this.metas.get(id);
    if (!m) {
      const cur = this.state.docs.get(id);
      if (!cur) return undefined;
      m = { ...cur, tree: cloneTree(cur.tree), bodies: new Map(cur.bodies) };
      this.metas.set(id, m);
    }
    return m;
  }
  local(id: string): Local | undefined {
    return this.locals.has(id) ? (this.locals.get(id) ?? undefined) : this.state.locals.get(id);
  }
}

/** The one writer of a database: jobs run in arrival order, writes in groups. */
export class CommitQueue {
  private jobs: (WriteJob | ExclusiveJob)[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private name: string,
    private state: LogState,
    private file: LogFile,
    private onChange: () => void,
  ) {}

  enqueue(job: WriteJob | ExclusiveJob): void {
    this.jobs.push(job);
    if (!this.running) {
      this.running = true;
      this.idle = this.drainJobs();
    }
  }

  /**
   * Group commit: all writes that arrived while the previous group was being synced go to disk
   * together (one append, one fsync), then become visible together.
   */
  private async drainJobs(): Promise<void> {
    for (;;) {
      if (this.jobs.length === 0) {
        // Cleared in the same tick as the last look at the queue, so no job is left waiting.
        this.running = false;
        return;
      }
      const first = this.jobs[0]!;
      if (first.kind === 'exclusive') {
        this.jobs.shift();
        await first.run().then(first.resolve, first.reject);
        continue;
      }
      const group: WriteJob[] = [];
      while (this.jobs[0]?.kind === 'write') group.push(this.jobs.shift() as WriteJob);
      const stage = new Stage(this.state);
      const lines: string[] = [];
      const failed = new Map<WriteJob, unknown>();
      for (const job of group) {
        try {
          const recs = job.compute(stage);
          if (recs.length) lines.push(`[${recs.join(',')}]`);
        } catch (err) {
          failed.set(job, err);
        }
      }
      let err: unknown;
      if (lines.length) {
        try {
          if (this.closed) throw new Error(`database ${this.name} is closed`);
          await this.file.append(lines);
          for (const m of stage.metas.values()) this.state.commitMeta(m);
          for (const [id, l] of stage.locals) {
            if (l) this.state.locals.set(id, l);
            else this.state.locals.delete(id);
          }
          this.state.seq = Math.max(this.state.seq, stage.seq);
        } catch (e) {
          err = e;
        }
      }
      for (const job of group) job.settle(failed.get(job) ?? err);
      if (lines.length && !err && stage.metas.size) this.onChange();
    }
  }

  /** Waits for the jobs already queued; later writes fail. */
  async close(): Promise<void> {
    while (this.running) await this.idle;
    this.closed = true;
  }
}
