import os from 'node:os';

/** Milliseconds since `start` (performance.now). */
export function since(start: number): number {
  return performance.now() - start;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: since(t), value };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${os.platform()} ${os.release()}, load average ${load}`;
}

export interface Row {
  part: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export function printTable(rows: Row[]): void {
  const head = ['part', 'figure', 'baseline (same run)', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.part, r.figure, r.baseline, r.ratio, r.target, r.met === null ? '–' : r.met ? 'yes' : 'NO']);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const c of cells) console.log(`| ${c.join(' | ')} |`);
}

/** Runs `fn` with a deadline; rejects when it takes longer (every loop in the bench is bounded). */
export async function withDeadline<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no result within ${fmtMs(ms)}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
