import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';

/**
 * Reading an import file into a table of strings: CSV in UTF-8 or Windows-1252 with `;`, `,` or
 * tab, or the first sheet of an XLSX. Every failure is an ImportFileError with a message key, so
 * the wizard and the CLI can say clearly what is wrong and nothing gets imported.
 */
export interface Table {
  headers: string[];
  rows: string[][];
  /** What was detected, shown in the preview. */
  format: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'windows-1252';
  delimiter?: string;
}

/**
 * Files above this size are refused before reading: 25 MB holds about 150,000 candidate rows of
 * the pilot's width, three times the largest region; a 50 MB file is almost certainly not a
 * candidate list (or holds attachments) and would hold the whole file and its rows in memory.
 */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
export const MAX_IMPORT_COLUMNS = 200;

export type ImportFileProblem =
  | 'empty'
  | 'tooLarge'
  | 'tooManyRows'
  | 'tooManyColumns'
  | 'noHeader'
  | 'brokenXlsx'
  | 'binary'
  | 'oneColumn'
  | 'unsupported';

export class ImportFileError extends Error {
  constructor(
    readonly problem: ImportFileProblem,
    detail = '',
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'ImportFileError';
  }
}

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV" on Dutch Windows). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The delimiter of the header line: the one of `;`, `,`, tab and `|` that splits it most (outside quotes). */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ';';
  let bestCount = 0;
  for (const d of [';', ',', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function isXlsx(bytes: Uint8Array): boolean {
  // XLSX is a ZIP: "PK\x03\x04".
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return zeros > 0;
}

function finish(headers: string[], rows: string[][], meta: Omit<Table, 'headers' | 'rows'>): Table {
  const trimmedHeaders = headers.map((h) => h.replace(/^\ufeff/, '').trim());
  if (trimmedHeaders.every((h) => h === '')) throw new ImportFileError('noHeader');
  if (trimmedHeaders.length > MAX_IMPORT_COLUMNS) throw new ImportFileError('tooManyColumns', String(trimmedHeaders.length));
  const data = rows.filter((r) => r.some((v) => v.trim() !== ''));
  if (data.length === 0) throw new ImportFileError('empty');
  if (data.length > MAX_IMPORT_ROWS) throw new ImportFileError('tooManyRows', String(data.length));
  return { headers: trimmedHeaders, rows: data, ...meta };
}

export function parseCsvText(text: string, meta: { encoding?: 'utf-8' | 'windows-1252' } = {}): Table {
  const body = text.replace(/^\ufeff/, '');
  if (body.trim() === '') throw new ImportFileError('empty');
  const delimiter = detectDelimiter(body);
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: 'greedy' });
  const all = parsed.data;
  if (all.length === 0) throw new ImportFileError('empty');
  const [headers, ...rows] = all as [string[], ...string[][]];
  // One column with a separator in it means the file uses a delimiter we did not find.
  if (headers.length === 1 && rows.some((r) => r.length > 1 || /[;,\t|]/.test(r[0] ?? ''))) {
    throw new ImportFileError('oneColumn');
  }
  return finish(headers, rows, { format: 'csv', delimiter, ...(meta.encoding ? { encoding: meta.encoding } : {}) });
}

function cellToString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return v.toISOString().slice(0, 10);
  }
  return String(v);
}

export async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  let sheets;
  try {
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = await readXlsxFile(buf);
  } catch (e) {
    throw new ImportFileError('brokenXlsx', e instanceof Error ? e.message : String(e));
  }
  const data = sheets[0]?.data ?? [];
  if (data.length === 0) throw new ImportFileError('empty');
  const [head, ...rows] = data;
  return finish((head ?? []).map(cellToString), rows.map((r) => r.map(cellToString)), { format: 'xlsx' });
}

/** Reads any supported file; `name` decides nothing on its own (the bytes do), it only helps the message. */
export async function parseImportFile(bytes: Uint8Array, name = ''): Promise<Table> {
  if (bytes.byteLength === 0) throw new ImportFileError('empty');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportFileError('tooLarge', String(bytes.byteLength));
  if (isXlsx(bytes)) return parseXlsx(bytes);
  if (/\.xlsx$/i.test(name)) throw new ImportFileError('brokenXlsx', 'not a ZIP file');
  if (/\.(xls|ods|numbers|pdf|docx?)$/i.test(name)) throw new ImportFileError('unsupported', name);
  if (looksBinary(bytes)) throw new ImportFileError('binary');
  const { text, encoding } = decodeText(bytes);
  return parseCsvText(text, { encoding });
}
