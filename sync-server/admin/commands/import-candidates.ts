import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { defaultValueMaps, matchHeaders, mappingProblems, planImport, REGION_CODE, type DuplicateFields } from '../../../src/shared';
import { ImportFileError, parseImportFile } from '../../../src/shared/import/parse';
import { applyChoices, formatUnknown, MappingError, parseMapOption, readMappingFile, unknownByColumn } from './import-candidates-mapping';

export const IMPORT_CANDIDATES_USAGE = `Candidates (onboarding a region from Airtable or a spreadsheet)
  import candidates --region <code> <file.csv|file.xlsx> [--dry-run] [--import-duplicates]
                    [--map <column>:<value>=<code>]... [--mapping <file.json>]
                                            columns matched by header (Naam, Fase, Sector voorkeur,
                                            E-mail, …); values mapped as in the app's wizard (our
                                            labels and the pilot base's names); rows checked with the
                                            candidate schema and against the region's candidates;
                                            written through the region's _bulk_docs. Other values
                                            are listed per column (count, lines) and their rows
                                            rejected unless mapped: --map fase:"Wachtlijst"=on_hold
                                            (repeatable; code - leaves the field empty) or
                                            --mapping file.json {"Fase": {"Wachtlijst": "on_hold"}}.
                                            --dry-run writes nothing.`;

export const IMPORT_CANDIDATES_VALUE_FLAGS = ['region', 'map', 'mapping'];
export const IMPORT_CANDIDATES_BOOL_FLAGS = ['dry-run', 'import-duplicates'];

export class ImportCandidatesUsageError extends Error {}

type Call = (method: string, path: string, body?: unknown, extra?: RequestInit) => Promise<Response>;

const CHUNK = 500;

/**
 * Reads the file, plans every row with the same pure code as the app's wizard, then writes the
 * candidates and their notes through the server (which validates them again). Prints a report:
 * created, duplicates (skipped unless --import-duplicates), rejected with the reason per row.
 */
export async function runImportCandidates(call: Call, rest: string[], flags: Record<string, string[]>, out: (s: string) => void): Promise<void> {
  const region = flags.region?.[0];
  if (!region || !REGION_CODE.test(region)) throw new ImportCandidatesUsageError('Usage: import candidates --region <code> <file.csv|file.xlsx>');
  if (rest.length !== 1) throw new ImportCandidatesUsageError('Usage: import candidates --region <code> <file.csv|file.xlsx>');
  const file = rest[0]!;
  let table;
  try {
    table = await parseImportFile(new Uint8Array(await readFile(file)), file);
  } catch (e) {
    if (e instanceof ImportFileError) throw new Error(`${file}: cannot import (${e.message}). Nothing was imported.`);
    throw e;
  }
  const mapping = matchHeaders(table.headers);
  const problems = mappingProblems(mapping);
  if (problems.length) throw new ImportCandidatesUsageError(`${file}: ${problems.join(', ')} (columns: ${table.headers.join(', ')}). Nothing was imported.`);
  let maps = defaultValueMaps();
  try {
    const choices = (flags.map ?? []).map((spec) => parseMapOption(spec, table.headers, mapping));
    for (const f of flags.mapping ?? []) choices.push(...(await readMappingFile(f, table.headers, mapping)));
    maps = applyChoices(maps, choices);
  } catch (e) {
    if (e instanceof MappingError) throw new ImportCandidatesUsageError(`${e.message} Nothing was imported.`);
    throw e;
  }
  // Before anything is written: what the maps do not know, per column, with counts and lines.
  for (const line of formatUnknown(unknownByColumn(table, mapping, maps))) out(line);

  const db = `region-${region}`;
  const existing = ((await (await call('GET', `/${db}/_all_docs?include_docs=true`)).json()) as { rows: { doc?: Record<string, unknown> }[] }).rows
    .map((r) => r.doc)
    .filter((d): d is Record<string, unknown> => !!d && d.type === 'candidate')
    .map((d) => ({ ...d, id: String(d._id) }) as unknown as DuplicateFields);
  const plan = planImport(table, mapping, maps, existing, { region, user: 'admin', now: new Date().toISOString(), fileName: path.basename(file), newId: randomUUID });
  const importDuplicates = !!flags['import-duplicates'];
  const rows = plan.rows.filter((r) => r.status === 'ok' || (importDuplicates && r.status === 'duplicate'));

  const refused: string[] = [];
  if (!flags['dry-run']) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const docs = rows.slice(i, i + CHUNK).flatMap((r) => [r.candidate!, ...(r.notes ?? [])]).map(({ id, ...d }) => ({ _id: id, ...d }));
      const res = (await (await call('POST', `/${db}/_bulk_docs`, { docs })).json()) as { id: string; error?: string; reason?: string }[];
      for (const r of res) if (r.error) refused.push(`${r.id}: ${r.error} ${r.reason ?? ''}`);
      process.stderr.write(`\rWritten ${Math.min(i + CHUNK, rows.length)} of ${rows.length}`);
    }
    if (rows.length) process.stderr.write('\n');
  }
  out(`${flags['dry-run'] ? 'Dry run: would create' : 'Created'} ${rows.length - refused.length} candidates in ${region}; ${plan.counts.duplicate} possible duplicates ${importDuplicates ? 'imported' : 'skipped'}; ${plan.counts.rejected} rejected.`);
  for (const r of plan.rows) {
    if (r.status === 'duplicate') out(`  line ${r.line} ${r.name}: possible duplicate (${r.duplicateRule}) of ${r.duplicateOf}`);
    if (r.status === 'rejected') out(`  line ${r.line} ${r.name}: rejected: ${Object.entries(r.errors ?? {}).map(([f, m]) => `${f} ${m}`).join('; ')}`);
  }
  for (const r of refused) out(`  refused by the server: ${r}`);
  if (refused.length) throw new Error(`${refused.length} documents were refused by the server.`);
}
