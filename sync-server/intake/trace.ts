import { fstat, openSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * REGIODESK_INTAKE_TRACE=1 (off by default; for bench:intake): where a website submission's time
 * goes on the server, per second. For each submission: from its request's headers to the end of
 * its body, validation, the wait in the group writer's queue (and the queue's length), its
 * batch's journal write, and from that write to the answer; for each store write its duration;
 * and a probe of libuv's thread pool (an fstat every 5 ms: its round trip less a setImmediate's
 * is about the time a file operation waits for a free pool thread). On SIGUSR2 (the bench's probe
 * signal) it prints one line `intake-trace {json}` with the seconds since the last signal and
 * starts afresh, so the bench can put the server's figures next to its own per-second p99.
 */
export interface SubmissionTimes {
  /** performance.now() at each stage. */
  arrived: number;
  bodyEnd?: number;
  queued?: number;
  /** Submissions in the writer's queue when this one joined it (itself excluded), and whether a journal write was running. */
  queueLen?: number;
  writeStart?: number;
  writeEnd?: number;
  batch?: number;
  answered?: number;
}

type Series = number[];
interface Second {
  n: number;
  body: Series;
  valid: Series;
  wait: Series;
  write: Series;
  after: Series;
  total: Series;
  queueMax: number;
  batches: number;
  batchMax: number;
  store: Series;
  pool: Series;
  loop: Series;
  conns: number;
  /** CPU time of the whole process in this second (ms): per submission, it shows code not yet optimised (JIT warm-up) even on a busy machine. */
  cpu: number;
  /** GC pauses of the main thread begun in this second: count and ms. */
  gc: number;
  gcMs: number;
}

const fresh = (): Second => ({ n: 0, body: [], valid: [], wait: [], write: [], after: [], total: [], queueMax: 0, batches: 0, batchMax: 0, store: [], pool: [], loop: [], conns: 0, cpu: 0, gc: 0, gcMs: 0 });

function p99(xs: Series): number {
  if (!xs.length) return 0;
  xs.sort((a, b) => a - b);
  return Math.round(xs[Math.min(xs.length - 1, Math.floor(0.99 * xs.length))]! * 10) / 10;
}
const max = (xs: Series) => Math.round(xs.reduce((a, b) => Math.max(a, b), 0) * 10) / 10;

export class IntakeTrace {
  private t0 = performance.now();
  private seconds: Second[] = [];
  private sockets = new WeakSet<object>();
  private lastBatch = -1;

  constructor() {
    const fd = openSync('/dev/null', 'r');
    let tick = performance.now();
    let cpu = process.cpuUsage();
    const timer = setInterval(() => {
      const now = performance.now();
      const used = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      this.at(now).cpu += (used.user + used.system) / 1000;
      const lag = Math.max(0, now - tick - 5);
      tick = now;
      this.at(now).loop.push(lag);
      // The fstat's round trip less a setImmediate's from the same moment: what is left is the wait for a pool thread, not for the loop.
      let pool = -1;
      let imm = -1;
      const both = () => {
        if (pool >= 0 && imm >= 0) this.at(now).pool.push(Math.max(0, pool - imm));
      };
      fstat(fd, () => {
        pool = performance.now() - now;
        both();
      });
      setImmediate(() => {
        imm = performance.now() - now;
        both();
      });
    }, 5);
    timer.unref();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const sec = this.at(e.startTime);
        sec.gc++;
        sec.gcMs += e.duration;
      }
    }).observe({ entryTypes: ['gc'] });
    process.on('SIGUSR2', () => {
      const out = this.seconds.map((s) => ({
        n: s.n,
        body: p99(s.body),
        valid: p99(s.valid),
        wait: p99(s.wait),
        waitMax: max(s.wait),
        write: p99(s.write),
        writeMax: max(s.write),
        after: p99(s.after),
        total: p99(s.total),
        totalMax: max(s.total),
        queueMax: s.queueMax,
        batches: s.batches,
        batchMax: s.batchMax,
        stores: s.store.length,
        storeMax: max(s.store),
        pool: p99(s.pool),
        poolMax: max(s.pool),
        loopMax: max(s.loop),
        conns: s.conns,
        cpuPerSub: s.n ? Math.round((s.cpu / s.n) * 100) / 100 : 0,
        gc: s.gc,
        gcMs: Math.round(s.gcMs),
      }));
      process.stdout.write(`intake-trace ${JSON.stringify(out)}\n`);
      this.t0 = performance.now();
      this.seconds = [];
    });
  }

  private at(t: number): Second {
    const i = Math.max(0, Math.floor((t - this.t0) / 1000));
    return (this.seconds[i] ??= fresh());
  }

  /** A request reached the intake handler; counts new connections. */
  arrived(socket: object): SubmissionTimes {
    const t = performance.now();
    if (!this.sockets.has(socket)) {
      this.sockets.add(socket);
      this.at(t).conns++;
    }
    return { arrived: t };
  }

  /** An accepted submission was answered. */
  answered(t: SubmissionTimes): void {
    t.answered = performance.now();
    const s = this.at(t.arrived);
    s.n++;
    if (t.bodyEnd !== undefined) s.body.push(t.bodyEnd - t.arrived);
    if (t.queued !== undefined && t.bodyEnd !== undefined) s.valid.push(t.queued - t.bodyEnd);
    if (t.writeStart !== undefined && t.queued !== undefined) s.wait.push(t.writeStart - t.queued);
    if (t.writeEnd !== undefined && t.writeStart !== undefined) {
      s.write.push(t.writeEnd - t.writeStart);
      if (t.writeStart !== this.lastBatch) {
        this.lastBatch = t.writeStart;
        s.batches++;
        s.batchMax = Math.max(s.batchMax, t.batch ?? 0);
      }
    }
    if (t.writeEnd !== undefined) s.after.push(t.answered - t.writeEnd);
    s.total.push(t.answered - t.arrived);
    s.queueMax = Math.max(s.queueMax, t.queueLen ?? 0);
  }

  /** A store write of `ms` ended now. */
  stored(ms: number): void {
    this.at(performance.now()).store.push(ms);
  }
}

export const intakeTrace: IntakeTrace | undefined = process.env.REGIODESK_INTAKE_TRACE === '1' ? new IntakeTrace() : undefined;
