import type { Json, StoreDb } from '../store/types';
import type { IntakeJournal, JournalSegment } from './journal';
import { intakeTrace, type SubmissionTimes } from './trace';

interface Pending {
  doc: Json;
  resolve: () => void;
  reject: (e: unknown) => void;
  /** REGIODESK_INTAKE_TRACE only (trace.ts). */
  t?: SubmissionTimes | undefined;
}

interface Journaled {
  batch: Pending[];
  segment?: JournalSegment;
  /** Its senders were answered when it was fsync'ed to the journal, before the store write. */
  answered: boolean;
  /** When its fsync ended (performance.now()): the store write waits at most `storeDelayMs` from the oldest one's. */
  journaledAt: number;
  /** Settles once the store has the batch (or its first attempt failed: reads need not wait for an outage). */
  stored: Promise<void>;
  markStored: () => void;
}

export interface GroupWriterOptions {
  /** Documents per journal append and per store write at most. */
  maxBatch?: number;
  journal?: IntakeJournal;
  /**
   * Answer a submission once its batch is fsync'ed to the journal, the durable record, and write
   * the store behind it (the caller makes reads wait for those writes: `answeredStored`).
   * Without a journal there is no durable record before the store's, so this is ignored.
   */
  answerOnJournal?: boolean;
  /** Submissions answered and not yet stored at most; beyond it, answers wait for the store again (bounded memory, honest latency under overload). */
  maxUnstored?: number;
  /**
   * With `answerOnJournal`: how long (ms) answered batches may wait to go to the store together.
   * Each store write costs the main thread a fixed part (the store's own group commit and fsync,
   * the fan-out's changes read and checkpoint write) whatever its size, and at 1,000/s a write per
   * journal batch (every few ms) took the loop from the answers; one write per 25 ms keeps that
   * fixed part to 40 a second. Nobody waits for it: a read of the region (`answeredStored`)
   * writes at once, as do close, a full batch and batches that are not answered yet. 0: at once.
   */
  storeDelayMs?: number;
  onError?: (err: unknown) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Group commit in two overlapping stages. Submissions that arrive while a batch is being
 * journaled (append + fsync) form the next batch; a journaled batch goes to the store in one
 * bulk write, and batches journaled while the store was busy go together in the next one. So
 * the fsync of one batch runs while the store writes the previous one.
 *
 * When does a sender get her answer? With `answerOnJournal` (the server's setting, journal.ts),
 * right after her batch's fsync: the journal is the durable record (replayed at start after a
 * crash), and the store write — PouchDB, most of a submission's cost and most of its latency —
 * follows off her path. `answeredStored()` lets reads wait for the writes already answered, so
 * nobody reads a region without a submission that was answered before the read began. Otherwise
 * (no journal, or more than `maxUnstored` waiting) after the store has written her document.
 */
export class GroupWriter {
  private queue: Pending[] = [];
  private journaled: Journaled[] = [];
  private journaling = false;
  private storing = false;
  private unstored = 0;
  private lastAnswered: Journaled | undefined;
  /** A reader waits for answered batches (answeredStored): store them now, not after the delay. */
  private readerWaiting = false;
  private storeTimer: ReturnType<typeof setTimeout> | undefined;
  private closing = false;
  private idleWaiters: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly journal: IntakeJournal | undefined;
  private readonly answerOnJournal: boolean;
  private readonly maxUnstored: number;
  private readonly storeDelayMs: number;
  private readonly onError: (err: unknown) => void;

  constructor(
    private readonly db: StoreDb,
    opts: GroupWriterOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 500;
    this.journal = opts.journal;
    this.answerOnJournal = !!opts.answerOnJournal && !!opts.journal;
    this.maxUnstored = opts.maxUnstored ?? 5000;
    this.storeDelayMs = this.answerOnJournal ? (opts.storeDelayMs ?? 0) : 0;
    this.onError = opts.onError ?? ((e) => console.error('intake:', e));
  }

  /**
   * Writes what a crash may have left in the journal (at start, before serving); returns how many
   * were written. The journal also holds submissions that were stored before the crash (it keeps
   * them until its file is emptied or rotated), and since then the person may have been erased
   * (purged, a data-free deletion left) or the record deleted: writing such a one again would
   * bring her back. So only ids the store has never known are written — a submission id is new
   * by construction, so a known id means it was stored — and none that `erased` covers (an
   * erasure that crashed between its purge and its deletions).
   */
  async recover(erased?: (doc: Json) => boolean): Promise<number> {
    if (!this.journal) return 0;
    const docs = await this.journal.pending();
    let written = 0;
    for (let i = 0; i < docs.length; i += this.maxBatch) {
      const chunk = docs.slice(i, i + this.maxBatch);
      const known = await this.knownIds(chunk.map((d) => String(d._id)));
      const fresh = chunk.filter((d) => !known.has(String(d._id)) && !erased?.(d));
      if (!fresh.length) continue;
      const results = await this.db.bulkDocs(fresh, true);
      const failed = results.filter((r) => !('ok' in r) && r.error !== 'conflict');
      if (failed.length) throw new Error(`intake journal replay: ${failed.length} submissions could not be stored`);
      written += fresh.length;
    }
    await this.journal.clear();
    return written;
  }

  /** Of `ids`, those the store holds in any state: live, deleted or left as an erasure's deletion. */
  private async knownIds(ids: string[]): Promise<Set<string>> {
    const res = (await this.db.allDocs({ keys: ids })) as { rows: { key: string; value?: unknown }[] };
    return new Set(res.rows.filter((r) => r.value).map((r) => r.key));
  }

  /** Resolves when the document is durable (see the class comment for which point that is); rejects when it could not be stored. */
  write(doc: Json, t?: SubmissionTimes): Promise<void> {
    if (t) {
      t.queued = performance.now();
      t.queueLen = this.queue.length;
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject, t });
      this.pump();
    });
  }

  /**
   * Settles once every submission answered so far is in the store; undefined when none is waiting
   * (then a read need not wait a tick). Batches are stored in the order they were journaled, so
   * the newest answered batch stands for all before it.
   */
  answeredStored(): Promise<void> | undefined {
    const g = this.lastAnswered;
    if (!g) return undefined;
    if (!this.readerWaiting) {
      this.readerWaiting = true;
      queueMicrotask(() => this.pump()); // not inside the reader's call
    }
    return g.stored;
  }

  /**
   * Resolves once everything accepted so far is written (for a store that keeps failing: left in
   * the journal for the next start, no more retries); then closes the journal. For the server's close.
   */
  async close(): Promise<void> {
    this.closing = true;
    await new Promise<void>((r) => {
      this.idleWaiters.push(r);
      this.pump();
    });
    await this.journal?.close();
  }

  private pump(): void {
    if (!this.journaling && this.queue.length > 0) void this.journalNext();
    if (!this.storing && this.journaled.length > 0) {
      const wait = this.storeWait();
      if (wait <= 0) {
        clearTimeout(this.storeTimer);
        this.storeTimer = undefined;
        void this.storeNext();
      } else
        this.storeTimer ??= setTimeout(() => {
          this.storeTimer = undefined;
          this.pump();
        }, wait);
    }
    if (!this.journaling && !this.storing && this.queue.length === 0 && this.journaled.length === 0) for (const r of this.idleWaiters.splice(0)) r();
  }

  /** How long (ms) the journaled batches may still wait for more to join their store write; 0 or less: write now. */
  private storeWait(): number {
    if (this.storeDelayMs <= 0 || this.closing || this.readerWaiting) return 0;
    let n = 0;
    for (const g of this.journaled) {
      if (!g.answered) return 0; // its senders wait for this write
      n += g.batch.length;
    }
    if (n >= this.maxBatch) return 0;
    return this.journaled[0]!.journaledAt + this.storeDelayMs - performance.now();
  }

  private async journalNext(): Promise<void> {
    this.journaling = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const segment = this.journal ? await this.journal.append(batch.map((p) => p.doc)) : undefined;
      if (intakeTrace && this.journal)
        for (const p of batch)
          if (p.t) Object.assign(p.t, { writeStart: this.journal.lastWrite.start, writeEnd: this.journal.lastWrite.end, batch: batch.length });
      let markStored!: () => void;
      const stored = new Promise<void>((r) => (markStored = r));
      const answered = this.answerOnJournal && this.unstored + batch.length <= this.maxUnstored;
      const g: Journaled = { batch, answered, journaledAt: performance.now(), stored, markStored, ...(segment ? { segment } : {}) };
      this.journaled.push(g);
      if (answered) {
        this.unstored += batch.length;
        this.lastAnswered = g; // before the answers, so a read that follows one waits for this batch
        for (const p of batch) p.resolve();
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
    this.journaling = false;
    this.pump();
  }

  private async storeNext(): Promise<void> {
    this.storing = true;
    // Everything journaled while the store was busy, up to maxBatch, in one write.
    const groups: Journaled[] = [];
    let n = 0;
    while (this.journaled.length > 0 && (groups.length === 0 || n + this.journaled[0]!.batch.length <= this.maxBatch)) {
      const g = this.journaled.shift()!;
      groups.push(g);
      n += g.batch.length;
    }
    if (this.journaled.length === 0) this.readerWaiting = false; // what any reader waits for is in this write
    // Groups not yet written; empty once the write went through.
    let pending = groups;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const batch = pending.flatMap((g) => g.batch);
      try {
        const t0 = performance.now();
        const results = await this.db.bulkDocs(
          batch.map((p) => p.doc),
          true,
        );
        intakeTrace?.stored(performance.now() - t0);
        batch.forEach((p, i) => {
          const r = results[i];
          if (r && ('ok' in r || r.error === 'conflict')) p.resolve(); // conflict: a replay, the store has it
          else p.reject(new Error(`store refused ${String(p.doc._id)}: ${r ? r.reason : 'no result'}`));
        });
        const refused = results.filter((r) => !('ok' in r) && r.error !== 'conflict');
        // Answered and then refused cannot happen for a valid new document (the store checks nothing
        // the intake has not checked); should it, it is logged with the id, never silently dropped.
        if (refused.length && pending.some((g) => g.answered)) this.onError(new Error(`intake: the store refused answered submissions ${refused.map((r) => r.id).join(', ')}`));
        pending = [];
      } catch (err) {
        // Not yet answered: the sender hears of it (500) and the journal may forget them. Answered:
        // the journal is their record, so keep trying (they are also replayed at the next start).
        for (const g of pending) {
          if (!g.answered) for (const p of g.batch) p.reject(err);
          g.markStored();
        }
        pending = pending.filter((g) => g.answered);
        if (pending.length > 0) {
          this.onError(err);
          if (this.closing) break; // the journal keeps them for the next start
          await sleep(Math.min(5000, 100 * 2 ** attempt));
        }
      }
    }
    for (const g of groups) {
      g.markStored();
      if (g.answered) this.unstored -= g.batch.length;
      if (this.lastAnswered === g) {
        this.lastAnswered = undefined;
        this.readerWaiting = false; // every answered batch is stored: no reader waits any more
      }
      // Stored (or refused, and the sender told so): the journal may forget this batch.
      if (g.segment && !pending.includes(g)) this.journal!.done(g.segment).catch((e: unknown) => this.onError(e));
    }
    this.storing = false;
    this.pump();
  }
}
