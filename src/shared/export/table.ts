import { neutraliseCell } from './injection';

/** A column of an export: its header and the text (or typed value) of each row. */
export interface ExportColumn<T> {
  key: string;
  header: string;
  /** `date` values are ISO dates (`YYYY-MM-DD`) or date-times; XLSX writes them as dates. */
  type: 'text' | 'date';
  value: (row: T) => string;
}

export interface ExportTable {
  columns: { key: string; header: string; type: 'text' | 'date' }[];
  /** Cell texts, already neutralised against formula injection. */
  rows: string[][];
}

export function buildExportTable<T>(rows: readonly T[], columns: readonly ExportColumn<T>[]): ExportTable {
  return {
    columns: columns.map(({ key, header, type }) => ({ key, header: neutraliseCell(header), type })),
    rows: rows.map((r) => columns.map((c) => neutraliseCell(c.value(r)))),
  };
}

function quote(cell: string, delimiter: string): string {
  return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * CSV as Dutch Excel opens it with a double click: UTF-8 with a byte order mark (else accents
 * break), `;` between cells (Dutch Excel's list separator, since `,` is the decimal comma), CRLF.
 */
export function toCsv(table: ExportTable, delimiter = ';'): string {
  const lines = [table.columns.map((c) => quote(c.header, delimiter)).join(delimiter)];
  for (const r of table.rows) lines.push(r.map((c) => quote(c, delimiter)).join(delimiter));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
