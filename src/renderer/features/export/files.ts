import writeXlsxFile from 'write-excel-file/universal';
import { toCsv, type ExportTable } from '../../../shared';

export function csvBlob(table: ExportTable): Blob {
  return new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' });
}

/**
 * XLSX with a bold, frozen header row and typed columns: dates are Excel dates (sortable,
 * filterable), text stays text. Cell texts were neutralised already (a leading apostrophe);
 * write-excel-file writes strings as strings, never as formulas.
 */
export async function xlsxBlob(table: ExportTable, sheet: string): Promise<Blob> {
  const header = table.columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const rows = table.rows.map((r) =>
    r.map((v, i) => {
      if (v === '') return null;
      if (table.columns[i]!.type === 'date') {
        const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
        if (!Number.isNaN(d.getTime())) return { value: d, type: Date, format: v.length === 10 ? 'dd-mm-yyyy' : 'dd-mm-yyyy hh:mm' };
      }
      return { value: v, type: String };
    }),
  );
  return writeXlsxFile([header, ...rows] as never, {
    sheet: sheet.slice(0, 31),
    stickyRowsCount: 1,
    columns: table.columns.map((c) => ({ width: c.type === 'date' ? 14 : 24 })),
  }).toBlob();
}

export { saveBlob } from '../../ui/saveBlob';
