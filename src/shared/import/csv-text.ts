import Papa from 'papaparse';

/**
 * Generic helpers for delimited text files (CSV exports of DUO, Excel, Airtable): decoding and
 * parsing. Kept stable: the reference import and the candidate import both use them.
 */

export type TextEncodingName = 'utf-8' | 'windows-1252';

/**
 * Decodes a file's bytes: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else
 * Windows-1252, which is what Dutch Excel and older DUO files write (`ë` as one byte 0xEB).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

export interface DelimitedTable {
  headers: string[];
  /** Data rows as strings, without the header row; `lines[i]` is row i's line number in the file (1-based). */
  rows: string[][];
  lines: number[];
  delimiter: string;
}

const CANDIDATE_DELIMITERS = [';', ',', '\t'];

/** The delimiter that splits the header line into the most columns (`;` wins ties, as in Dutch Excel). */
export function guessDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ';';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const n = Papa.parse<string[]>(first, { delimiter: d }).data[0]?.length ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Parses delimited text whose first line is a header row; blank lines are skipped. */
export function parseDelimited(text: string, delimiter = guessDelimiter(text)): DelimitedTable {
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const data = parsed.data;
  const headers = (data[0] ?? []).map((h) => h.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < data.length; i++) {
    const row = data[i]!;
    if (row.every((c) => c.trim() === '')) continue;
    rows.push(row);
    lines.push(i + 1);
  }
  return { headers, rows, lines, delimiter };
}
