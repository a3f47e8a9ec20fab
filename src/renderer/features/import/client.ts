import type { PlannedRow } from '../../../shared';
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

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') return this.onProgress?.(m.done, m.total);
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

  terminate(): void {
    this.worker.terminate();
  }
}
