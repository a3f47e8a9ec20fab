import { cellOf, indexColumns } from '../import/column-index';
import { placeName, referenceDate, sectorsOf, website } from './cells';
import { referenceIds, type ReferenceFields, type ReferenceFile, type ReferenceRecord, type RejectedRow } from './record';

/**
 * The generic programmes CSV (documented in the README; HOVI, KiesMBO and Onderwijsloket exports
 * map onto it by header name): one row per teacher-training programme.
 *
 * | column (any of these names)                 | required | meaning |
 * | code, opleidingscode, croho, crebo          | yes      | the programme's code in its source |
 * | naam, opleidingsnaam, opleiding, name       | yes      | programme name |
 * | instellingscode, brin, institution code     | no       | code of the institution offering it |
 * | instellingsnaam, instelling, institution    | no       | its name (creates/updates the institution) |
 * | niveau, level                               | no       | e.g. bachelor, master, mbo-4 |
 * | sector, sectoren, sectors                   | no       | sectors it trains for: po, vo, mbo… (comma-separated) |
 * | plaats, plaatsnaam, vestigingsplaats, place | no       | where it is taught |
 * | website, url, internetadres                 | no       | |
 * | einddatum, end date                         | no       | on or before today: closed |
 */
export const PROGRAMME_COLUMNS = {
  code: ['CODE', 'OPLEIDINGSCODE', 'CROHO', 'CROHO CODE', 'CREBO', 'CREBO CODE', 'PROGRAMME CODE'],
  name: ['NAAM', 'OPLEIDINGSNAAM', 'OPLEIDING', 'NAME', 'PROGRAMME'],
  institutionCode: ['INSTELLINGSCODE', 'BRIN', 'BRIN NUMMER', 'INSTITUTION CODE'],
  institutionName: ['INSTELLINGSNAAM', 'INSTELLING', 'INSTITUTION', 'INSTITUTION NAME'],
  level: ['NIVEAU', 'LEVEL', 'OPLEIDINGSNIVEAU'],
  sector: ['SECTOR', 'SECTOREN', 'SECTORS', 'ONDERWIJSSECTOR'],
  place: ['PLAATS', 'PLAATSNAAM', 'VESTIGINGSPLAATS', 'PLACE', 'CITY'],
  website: ['WEBSITE', 'URL', 'INTERNETADRES'],
  endDate: ['EINDDATUM', 'END DATE', 'DATUM EINDE'],
} as const;

type ProgrammeField = keyof typeof PROGRAMME_COLUMNS;

export function mapProgrammesFile(headers: string[], rows: string[][], lines: number[], opts: { today: string }): ReferenceFile | { error: string } {
  const { index, unknown } = indexColumns(headers, PROGRAMME_COLUMNS);
  if (index.code === undefined || index.name === undefined) {
    return { error: 'A programmes file needs the columns code (or opleidingscode, croho, crebo) and naam (or opleidingsnaam, name).' };
  }
  const records: ReferenceRecord[] = [];
  const institutions = new Map<string, ReferenceRecord>();
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const line = lines[i] ?? i + 2;
    const reject = (reason: string) => rejected.push({ line, reason });
    const cell = (f: ProgrammeField) => cellOf(row, index, f);
    const code = cell('code');
    const name = cell('name');
    if (!code) return reject('code is empty');
    if (code.length > 40) return reject('code is longer than 40 characters');
    if (!name) return reject('name is empty');
    if (name.length > 200) return reject('name is longer than 200 characters');
    const sectors = cell('sector') ? sectorsOf(cell('sector')) : [];
    if (sectors === null) return reject(`sector "${cell('sector')}" not recognised (use po, so, vo, pro, mbo, ho)`);
    const end = cell('endDate');
    const endDate = end ? referenceDate(end) : undefined;
    if (endDate === null) return reject(`end date "${end}" is not a date`);
    const instCode = cell('institutionCode').toUpperCase();
    if (instCode.length > 40) return reject('institution code is longer than 40 characters');
    const id = referenceIds.programme(code);
    if (seen.has(id)) return reject(`programme ${code} appears twice in the file`);
    seen.add(id);
    const parentId = instCode ? referenceIds.institution(instCode) : undefined;
    const fields: ReferenceFields = {
      name,
      kind: 'lerarenopleiding',
      source: 'programmes',
      programmeCode: code,
      ...(parentId ? { parentId } : {}),
      ...(cell('level') ? { level: cell('level').slice(0, 60) } : {}),
      ...(sectors.length ? { sectors } : {}),
      ...(cell('place') ? { place: placeName(cell('place')).slice(0, 100) } : {}),
      ...(website(cell('website')) ? { website: website(cell('website'))!.slice(0, 300) } : {}),
      ...(endDate && endDate <= opts.today ? { closed: true, closedOn: endDate } : {}),
    };
    records.push({ id, line, fields });
    // The institution offering it, named once (its first row's name wins).
    if (parentId && !institutions.has(parentId)) {
      const instName = cell('institutionName') || instCode;
      institutions.set(parentId, {
        id: parentId,
        line,
        derived: true,
        fields: { name: instName.slice(0, 200), kind: 'instelling', source: 'programmes', ...(/^[0-9]{2}[A-Z]{2}$/.test(instCode) ? { brin: instCode } : { programmeCode: instCode }) },
      });
    }
  });
  return {
    format: 'programmes',
    records: [...institutions.values(), ...records],
    rejected,
    rows: rows.length,
    scope: { source: 'programmes', kinds: ['lerarenopleiding'], sectors: null },
    unknownColumns: unknown,
  };
}
