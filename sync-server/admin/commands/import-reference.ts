import { readFile, stat } from 'node:fs/promises';
import { ndjsonLines } from './ndjson-lines';

/**
 * `import duo <file.csv>` and `import programmes <file.csv>`: sends a reference file to the
 * server's import (sync-server/reference), which streams progress and then the report.
 */
export const IMPORT_REFERENCE_USAGE = `Reference data (organisations every region sees)
  import duo <file.csv> [--sector po|so|vo|pro|mbo|ho] [--partial]
                    DUO open-data file of school locations (vestigingen) or boards (besturen);
                    --sector: for a file without sector column; --partial: not a full list, so
                    locations missing from it are not marked closed
  import programmes <file.csv> [--partial]
                    programmes CSV: code;naam;instellingscode;instellingsnaam;niveau;sector;plaats;website;einddatum`;

export const IMPORT_REFERENCE_VALUE_FLAGS = ['sector'];
export const IMPORT_REFERENCE_BOOL_FLAGS = ['partial'];

export class ImportReferenceUsageError extends Error {}

type Call = (method: string, path: string, body?: unknown, extra?: RequestInit) => Promise<Response>;

interface Report {
  format: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  rejected: { line: number; reason: string }[];
  unknownColumns: string[];
}

export async function runImportReference(
  call: Call,
  format: string | undefined,
  rest: string[],
  flags: Record<string, string[]>,
  out: (s: string) => void,
  progress: (s: string) => void = (s) => process.stderr.write(s),
): Promise<void> {
  if ((format !== 'duo' && format !== 'programmes') || rest.length !== 1) {
    throw new ImportReferenceUsageError('Usage: import duo <file.csv> | import programmes <file.csv>');
  }
  const file = rest[0]!;
  await stat(file).catch(() => {
    throw new ImportReferenceUsageError(`No such file: ${file}`);
  });
  const q = new URLSearchParams({ format });
  if (flags.sector?.[0]) q.set('sector', flags.sector[0]);
  if (flags.partial) q.set('partial', '1');
  const res = await call('POST', `/_regiodesk/reference/import?${q}`, undefined, {
    body: new Uint8Array(await readFile(file)),
    headers: { 'Content-Type': 'text/csv' },
  });
  let report: Report | null = null;
  let failure: string | null = null;
  for await (const msg of ndjsonLines<{ progress?: { done: number; total: number }; report?: Report; error?: string; reason?: string }>(res.body)) {
    if (msg.progress) progress(`\rWriting ${msg.progress.done} of ${msg.progress.total} documents…`);
    if (msg.report) report = msg.report;
    if (msg.error) failure = `${msg.error}: ${msg.reason ?? ''}`;
  }
  progress('\n');
  if (failure) throw new Error(`The import failed: ${failure}`);
  if (!report) throw new Error('The server ended the import without a report.');
  const r = report as Report;
  out(`${file} (${r.format}, ${r.rows} rows): ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.closed} closed, ${r.rejected.length} rejected.`);
  for (const x of r.rejected) out(`  line ${x.line}: ${x.reason}`);
  if (r.unknownColumns.length) out(`Columns not used: ${r.unknownColumns.join(', ')}`);
}
