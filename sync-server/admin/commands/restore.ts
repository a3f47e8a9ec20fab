import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { RestoreProgress } from '../backup';
import { ndjsonLines } from './ndjson-lines';

type Call = (method: string, path: string, body?: unknown, extra?: RequestInit) => Promise<Response>;

interface Line {
  progress?: RestoreProgress;
  result?: { restored: Record<string, number> };
  error?: string;
  reason?: string;
}

/**
 * `restore <file>`: streams the backup file to the server and asks for NDJSON, so the answer's
 * headers come at once and a large restore never meets the HTTP client's header timeout
 * (undici: 5 minutes); the server's progress lines update `progress` (a terminal's status line),
 * an error line fails the command (exit 1) with the server's reason.
 */
export async function runRestore(call: Call, file: string, out: (s: string) => void, progress: (s: string) => void): Promise<void> {
  const body = Readable.toWeb(createReadStream(file));
  const res = await call('POST', '/_regiodesk/admin/restore', undefined, {
    body: body as unknown as BodyInit,
    headers: { 'Content-Type': 'application/x-ndjson', Accept: 'application/x-ndjson' },
    duplex: 'half',
  } as RequestInit);
  let restored: Record<string, number> | undefined;
  for await (const msg of ndjsonLines<Line>(res.body)) {
    const p = msg.progress;
    if (p) progress(`\rRestoring: ${p.total} revisions, database ${p.database} of ${p.databases} (${p.db}: ${p.revisions})…`);
    if (msg.error) {
      progress('\n');
      throw new Error(`Restore failed (${msg.error}): ${msg.reason ?? ''}`);
    }
    if (msg.result) restored = msg.result.restored;
  }
  progress('\n');
  if (!restored) throw new Error('The server ended the restore without a result.');
  for (const [db, count] of Object.entries(restored)) out(`${db.padEnd(28)} ${count} revisions`);
  out(`Restored ${Object.keys(restored).length} databases from ${file}.`);
}
