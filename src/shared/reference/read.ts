import { decodeText, parseDelimited } from '../import/csv-text';
import type { Sector } from '../taxonomy';
import { mapDuoFile } from './duo';
import { mapProgrammesFile } from './programmes';
import type { ReferenceFile } from './record';

export type ReferenceFormat = 'duo' | 'programmes';

/** Upper bound of a reference file: DUO's largest (all vestigingen) is a few MB. */
export const MAX_REFERENCE_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Reads a reference file's bytes (UTF-8 or Windows-1252, `;`, `,` or tab separated) into records,
 * or an error that refuses the whole file (nothing is written then).
 */
export function readReferenceFile(
  bytes: Uint8Array,
  format: ReferenceFormat,
  opts: { today: string; sector?: Sector },
): ReferenceFile | { error: string } {
  if (bytes.length === 0) return { error: 'The file is empty.' };
  const { text } = decodeText(bytes);
  const table = parseDelimited(text);
  if (table.headers.length < 2) return { error: 'No header row with several columns: is this a CSV file (separated by ; or ,)?' };
  if (table.rows.length === 0) return { error: 'The file has a header row but no data rows.' };
  return format === 'duo'
    ? mapDuoFile(table.headers, table.rows, table.lines, { today: opts.today, ...(opts.sector ? { sector: opts.sector } : {}) })
    : mapProgrammesFile(table.headers, table.rows, table.lines, { today: opts.today });
}
