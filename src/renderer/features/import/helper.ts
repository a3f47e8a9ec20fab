/// <reference lib="webworker" />
import { checkRows, type CheckedRow, type ColumnMapping, type ImportContext, type ValueMaps } from '../../../shared';
import type { FromHelper, ToHelper } from './protocol';

/**
 * The import worker's helper: a second copy of the import worker's own script, so the per-row
 * half of the dry run (validation with the shared schema, about nine tenths of the plan) runs on
 * both cores instead of one. Started when a file has been read, so its start-up is paid while the
 * user maps columns. Without it (a browser without nested workers, a failed start or a failing
 * helper) the import worker checks every row itself: the helper only ever costs speed.
 */
let helper: Worker | null | undefined;
let seq = 0;
const waiting = new Map<number, { resolve: (rows: CheckedRow[]) => void; reject: (e: Error) => void; onProgress: (done: number) => void }>();

function failAll(why: string): void {
  for (const w of waiting.values()) w.reject(new Error(why));
  waiting.clear();
}

/** Starts the helper if it is not running; `null` where workers cannot start workers. */
export function startHelper(): Worker | null {
  if (helper !== undefined) return helper;
  try {
    helper = typeof Worker === 'function' ? new Worker(self.location.href, { type: 'module', name: 'regiodesk-import-helper' }) : null;
  } catch {
    helper = null;
  }
  if (helper) {
    helper.onmessage = (e: MessageEvent<FromHelper>) => {
      const m = e.data;
      const w = waiting.get(m.seq);
      if (!w) return;
      if (m.type === 'checkProgress') return w.onProgress(m.done);
      waiting.delete(m.seq);
      if (m.type === 'checked') w.resolve(m.rows);
      else w.reject(new Error(m.detail));
    };
    helper.onerror = (e) => {
      e.preventDefault();
      // A helper that failed once is not asked again.
      helper = null;
      failAll(e.message || 'import helper failed');
    };
  }
  return helper;
}

/** The rows checked in the helper; rejects if there is no helper or it fails (then check them yourself). */
export function checkInHelper(
  rows: string[][],
  mapping: ColumnMapping,
  maps: ValueMaps,
  ctx: Omit<ImportContext, 'newId'>,
  firstIndex: number,
  onProgress: (done: number) => void,
): Promise<CheckedRow[]> {
  const h = startHelper();
  if (!h) return Promise.reject(new Error('no import helper'));
  const id = ++seq;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, onProgress });
    h.postMessage({ type: 'check', seq: id, rows, mapping, maps, ctx, firstIndex } satisfies ToHelper);
  });
}

/** The helper's side: answers a `check` from its parent, the import worker. */
export function answerCheck(msg: ToHelper, newId: () => string): void {
  const post = (m: FromHelper) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
  try {
    const rows = checkRows(msg.rows, msg.mapping, msg.maps, { ...msg.ctx, newId }, msg.firstIndex, (done) => post({ type: 'checkProgress', seq: msg.seq, done }));
    post({ type: 'checked', seq: msg.seq, rows });
  } catch (err) {
    post({ type: 'checkFailed', seq: msg.seq, detail: err instanceof Error ? err.message : String(err) });
  }
}

/** Yields to this worker's event loop (the helper's progress messages), without a timer's clamping. */
const yieldTask = () =>
  new Promise<void>((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });

/** Rows checked between yields: the helper's progress gets through, the bar moves. */
const CHECK_SLICE = 1000;

/**
 * The per-row half of the plan on both cores: the helper checks the second half of the rows
 * while this worker checks the first; if the helper is missing or fails, this worker checks its
 * half as well. In the file's order, as `planImport` gives it.
 */
export async function checkAll(
  rows: string[][],
  mapping: ColumnMapping,
  maps: ValueMaps,
  ctx: ImportContext,
  onProgress: (done: number) => void,
): Promise<{ rows: CheckedRow[]; helped: number }> {
  const mid = startHelper() && rows.length >= 2 ? Math.ceil(rows.length / 2) : rows.length;
  let mine = 0;
  let theirs = 0;
  const report = () => onProgress(mine + theirs);
  const helped = mid < rows.length ? checkInHelper(rows.slice(mid), mapping, maps, { region: ctx.region, user: ctx.user, now: ctx.now, fileName: ctx.fileName }, mid, (d) => ((theirs = d), report())) : Promise.resolve([]);
  // Its rejection is handled below, after this worker's own half.
  helped.catch(() => undefined);
  const out: CheckedRow[] = [];
  for (let i = 0; i < mid; i += CHECK_SLICE) {
    for (const r of checkRows(rows.slice(i, Math.min(i + CHECK_SLICE, mid)), mapping, maps, ctx, i)) out.push(r);
    mine = Math.min(i + CHECK_SLICE, mid);
    report();
    await yieldTask();
  }
  let rest: CheckedRow[];
  let byHelper = rows.length - mid;
  try {
    rest = mid < rows.length ? await helped : [];
  } catch {
    theirs = 0;
    byHelper = 0;
    rest = checkRows(rows.slice(mid), mapping, maps, ctx, mid, (d) => ((theirs = d), report()));
  }
  for (const r of rest) out.push(r);
  return { rows: out, helped: byHelper };
}
