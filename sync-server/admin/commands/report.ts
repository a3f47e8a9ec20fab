import { rename, writeFile } from 'node:fs/promises';
import writeXlsxFile from 'write-excel-file/node';
import type { QuarterReport } from '../../../src/shared/report/compute';
import { reportCsv, reportSheet } from '../../../src/shared/report/csv';
import { reportPdf } from '../../../src/shared/report/pdf';
import { isQuarter, lastClosedQuarter, quarterLabel } from '../../../src/shared/report/quarter';
import { reportTable } from '../../../src/shared/report/table';

/**
 * `report` and `alliances` commands of the admin CLI. The server computes the report model (counts
 * only; an alliance's suppressed); it is rendered here, so the server never needs jsPDF.
 */
export type Json = <T>(method: string, path: string, body?: unknown) => Promise<T>;
export type Flags = Record<string, string[]>;

/** Thrown for a usage error; cli.ts maps it to exit code 2. */
export class ReportUsageError extends Error {}

export const REPORT_FLAGS = ['region', 'alliance', 'quarter', 'format', 'out', 'lang'];

export const REPORT_USAGE = `Figures
  alliances list
  alliances add <id> <name> <region>...     e.g. alliances add overijssel Overijssel twente zwolle
  alliances remove <id>
  report (--region <code> | --alliance <id>) [--quarter 2026Q3] --format pdf|csv|xlsx --out <file> [--lang nl|en]
                                            quarterly report (default: the last quarter that ended)`;

const FORMATS = ['pdf', 'csv', 'xlsx'] as const;

function one(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  if (v && v.length > 1) throw new ReportUsageError(`--${name} given twice.`);
  return v?.[0];
}

export async function runReport(api: Json, flags: Flags, rest: string[], out: (s: string) => void): Promise<void> {
  if (rest.length > 0) throw new ReportUsageError(`Unexpected argument: ${rest[0]}. See --help.`);
  const region = one(flags, 'region');
  const alliance = one(flags, 'alliance');
  if ((region === undefined) === (alliance === undefined)) throw new ReportUsageError('Give either --region <code> or --alliance <id>.');
  const quarter = one(flags, 'quarter') ?? lastClosedQuarter();
  if (!isQuarter(quarter)) throw new ReportUsageError(`"${quarter}" is not a quarter; write e.g. 2026Q3.`);
  const format = one(flags, 'format') ?? 'pdf';
  if (!(FORMATS as readonly string[]).includes(format)) throw new ReportUsageError(`--format must be ${FORMATS.join(', ')}.`);
  const file = one(flags, 'out');
  if (!file) throw new ReportUsageError('Give --out <file>.');
  const lang = one(flags, 'lang') ?? 'nl';
  if (lang !== 'nl' && lang !== 'en') throw new ReportUsageError('--lang must be nl or en.');

  const q = new URLSearchParams({ quarter, ...(region !== undefined ? { region } : { alliance: alliance! }) });
  const report = await api<QuarterReport>('GET', `/_regiodesk/report?${q}`);
  const table = reportTable(report, lang);
  const bytes: string | NodeJS.ArrayBufferView =
    format === 'pdf'
      ? new Uint8Array(reportPdf(report, lang))
      : format === 'csv'
        ? reportCsv(table)
        : new Uint8Array((await writeXlsxFile(reportSheet(table) as never, { sheet: quarter }).toBuffer()) as unknown as ArrayBuffer);
  // Written beside the target first, so a failure never leaves half a file under the real name.
  const tmp = `${file}.partial`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
  out(`${quarterLabel(quarter, lang)} report of ${report.name} (${format}) written to ${file}.`);
}

type Alliance = { id: string; name: string; regions: string[] };

export async function runAlliances(api: Json, action: string | undefined, rest: string[], out: (s: string) => void): Promise<void> {
  switch (action) {
    case 'list': {
      if (rest.length) throw new ReportUsageError('Usage: alliances list');
      const list = await api<Alliance[]>('GET', '/_regiodesk/admin/alliances');
      if (list.length === 0) out('No alliances yet. Add one with: alliances add <id> <name> <region>...');
      for (const a of list) out(`${a.id.padEnd(20)} ${a.name.padEnd(24)} ${a.regions.join(', ')}`);
      return;
    }
    case 'add': {
      const [id, name, ...regions] = rest;
      if (!id || !name || regions.length === 0) throw new ReportUsageError('Usage: alliances add <id> <name> <region>...');
      await api('POST', '/_regiodesk/admin/alliances', { id, name, regions });
      out(`Alliance ${id} (${name}): ${regions.join(', ')}.`);
      return;
    }
    case 'remove': {
      const [id] = rest;
      if (!id || rest.length !== 1) throw new ReportUsageError('Usage: alliances remove <id>');
      await api('DELETE', `/_regiodesk/admin/alliances/${encodeURIComponent(id)}`);
      out(`Alliance ${id} removed.`);
      return;
    }
    default:
      throw new ReportUsageError(`Unknown command: alliances ${action ?? ''}. See --help.`);
  }
}
