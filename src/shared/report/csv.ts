import type { ReportTable } from './table';

/**
 * CSV as Dutch spreadsheet programs open it: UTF-8 with BOM, `;` between cells, CRLF lines.
 * A text cell that starts with = + - @ (or a tab/CR) would be read as a formula: it gets a leading '.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  let s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  if (/[";\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function reportCsv(t: ReportTable): string {
  const lines = [t.columns.map(csvCell).join(';'), ...t.rows.map((r) => [r.section, r.item, r.current, r.previous, r.yearEarlier].map(csvCell).join(';'))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Rows for write-excel-file (the same in Node and the browser; only its import differs). */
export function reportSheet(t: ReportTable): { value: string | number | null; type?: StringConstructor | NumberConstructor; fontWeight?: 'bold' }[][] {
  return [
    t.columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const })),
    ...t.rows.map((r) => [
      { value: r.section, type: String },
      { value: r.item, type: String },
      ...[r.current, r.previous, r.yearEarlier].map((v) => (v === null ? { value: '–', type: String } : { value: v, type: Number })),
    ]),
  ];
}
