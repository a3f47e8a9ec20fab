import type { ReferenceImportReport } from '../../../shared';
import { serverFetch } from '../../sync/serverFetch';

export type ImportOutcome = { ok: true; report: ReferenceImportReport } | { ok: false; reason: string };

/**
 * Sends a reference file to the server's import and follows its NDJSON answer (progress lines,
 * then the report). The server reads and checks the whole file first: a refused file writes nothing.
 */
export async function uploadReferenceFile(
  server: string,
  file: Blob,
  opts: { format: 'duo' | 'programmes'; sector?: string; partial?: boolean },
  onProgress: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const q = new URLSearchParams({ format: opts.format });
  if (opts.sector) q.set('sector', opts.sector);
  if (opts.partial) q.set('partial', '1');
  const headers: Record<string, string> = { 'Content-Type': 'text/csv' };
  let res: Response;
  try {
    res = await serverFetch(server)(`${server}/_regiodesk/reference/import?${q}`, { method: 'POST', body: file, headers });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { reason?: string };
    return { ok: false, reason: body.reason ?? `HTTP ${res.status}` };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let outcome: ImportOutcome = { ok: false, reason: 'The server ended the import without a report.' };
  const handle = (line: string) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line) as { progress?: { done: number; total: number }; report?: ReferenceImportReport; reason?: string; error?: string };
    if (msg.progress) onProgress(msg.progress.done, msg.progress.total);
    if (msg.report) outcome = { ok: true, report: msg.report };
    if (msg.error) outcome = { ok: false, reason: msg.reason ?? msg.error };
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    lines.forEach(handle);
  }
  handle(buffered);
  return outcome;
}
