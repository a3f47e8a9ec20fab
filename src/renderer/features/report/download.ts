import type { Locale } from '../../../shared';
import type { QuarterReport } from '../../../shared/report/compute';
import { reportCsv, reportSheet } from '../../../shared/report/csv';
import { reportTable } from '../../../shared/report/table';

export type ExportFormat = 'pdf' | 'csv' | 'xlsx';

export function fileName(r: QuarterReport, format: ExportFormat): string {
  return `kwartaalrapportage-${r.id}-${r.quarter}.${format}`;
}

/**
 * The file of one export. jsPDF and write-excel-file load only when asked for, so they do not
 * weigh on the app's start.
 */
export async function exportBlob(r: QuarterReport, format: ExportFormat, lang: Locale): Promise<Blob> {
  if (format === 'pdf') {
    const { reportPdf } = await import('../../../shared/report/pdf');
    return new Blob([reportPdf(r, lang)], { type: 'application/pdf' });
  }
  const table = reportTable(r, lang);
  if (format === 'csv') return new Blob([reportCsv(table)], { type: 'text/csv;charset=utf-8' });
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  return writeXlsxFile(reportSheet(table) as never, { sheet: r.quarter }).toBlob();
}

export { saveBlob } from '../../ui/saveBlob';
