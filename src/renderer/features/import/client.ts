import type { PlannedRow } from '../../../shared';
import type { SealedOffer } from '../../db/encryption';
import type { FromWorker, ToWorker } from './protocol';

/**
 * The wizard's handle on its worker: one request at a time, answered by the next non-progress
 * message. An error message rejects with the problem key, which the wizard translates.
 */
export class ImportWorkerClient {
  private readonly worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  private pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;
  onProgress: ((done: number, total: number) => void) | null = null;
  private planRows: PlannedRow[] = [];
  /** Seal requests answer on their own, by sequence number, beside the one pending request. */
  private seals = new Map<number, { resolve: (o: SealedOffer[]) => void; reject: (e: Error) => void }>();
  private sealSeq = 0;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') return this.onProgress?.(m.done, m.total);
      if (m.type === 'sealed' || m.type === 'sealFailed') {
        const s = this.seals.get(m.seq);
        this.seals.delete(m.seq);
        if (m.type === 'sealed') s?.resolve(m.offers);
        else s?.reject(new Error(m.detail));
        return;
      }
      if (m.type === 'planRows') {
        for (const r of m.rows) this.planRows.push(r);
        return;
      }
      if (m.type === 'planned') {
        m.plan.rows = this.planRows;
        this.planRows = [];
      }
      const p = this.pending;
      this.pending = null;
      if (!p) return;
      if (m.type === 'error') p.reject(Object.assign(new Error(m.detail), { problem: m.problem }));
      else p.resolve(m);
    };
    this.worker.onerror = (e) => {
      const p = this.pending;
      this.pending = null;
      p?.reject(Object.assign(new Error(e.message || 'worker failed'), { problem: 'internal' }));
      for (const s of this.seals.values()) s.reject(new Error('worker failed'));
      this.seals.clear();
    };
  }

  request<T extends FromWorker['type']>(msg: ToWorker, transfer: Transferable[] = []): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.pending?.reject(Object.assign(new Error('superseded'), { problem: 'internal' }));
      this.planRows = [];
      this.pending = { resolve: resolve as (m: FromWorker) => void, reject };
      this.worker.postMessage(msg, transfer);
    });
  }

  /**
   * The planned candidates with these ids and their notes, sealed in the worker under `key` (the
   * database's data key: it is posted to our own worker, in memory, and not kept there).
   */
  seal(key: Uint8Array, candidateIds: string[]): Promise<SealedOffer[]> {
    const seq = ++this.sealSeq;
    return new Promise((resolve, reject) => {
      this.seals.set(seq, { resolve, reject });
      this.worker.postMessage({ type: 'seal', seq, key, candidateIds } satisfies ToWorker);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
