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
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252's characters at 0x80–0x9F (`€`, `’`, `‘`, `“`…); the rest of the range equals Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Decodes Windows-1252 by hand: some runtimes (Node before 22) treat the label as Latin-1 and
 * turn `’` (0x92) into an invisible control character.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
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
