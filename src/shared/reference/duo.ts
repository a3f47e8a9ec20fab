import { cellOf, indexColumns } from '../import/column-index';
import type { Sector } from '../taxonomy';
import { placeName, referenceDate, referencePostcode, sectorsOf, website } from './cells';
import { referenceIds, type ReferenceFields, type ReferenceFile, type ReferenceRecord, type RejectedRow } from './record';

/**
 * DUO's open-data files of school locations (`alle vestigingen …`) and of boards (`bevoegde
 * gezagen`). Columns are found by header name; every field lists the names DUO has used, older
 * first (files up to 2022 say `BRIN NUMMER`/`VESTIGINGSNUMMER`, later ones
 * `INSTELLINGSCODE`/`VESTIGINGSCODE`).
 */
export const DUO_COLUMNS = {
  brin: ['BRIN NUMMER', 'BRINNUMMER', 'BRIN', 'INSTELLINGSCODE'],
  vestiging: ['VESTIGINGSNUMMER', 'VESTIGINGSCODE', 'VESTIGING'],
  bevoegdGezag: ['BEVOEGD GEZAG NUMMER', 'BEVOEGDGEZAGNUMMER', 'BEVOEGD GEZAG', 'BEVOEGD GEZAG CODE'],
  name: ['VESTIGINGSNAAM', 'INSTELLINGSNAAM', 'NAAM', 'BEVOEGD GEZAG NAAM', 'BEVOEGDGEZAGNAAM', 'NAAM BEVOEGD GEZAG'],
  street: ['STRAATNAAM', 'STRAAT'],
  houseNumber: ['HUISNUMMER-TOEVOEGING', 'HUISNUMMER', 'HUISNUMMER TOEVOEGING'],
  postcode: ['POSTCODE'],
  place: ['PLAATSNAAM', 'PLAATS', 'VESTIGINGSPLAATS'],
  phone: ['TELEFOONNUMMER', 'TELEFOON'],
  website: ['INTERNETADRES', 'WEBSITE', 'URL'],
  denomination: ['DENOMINATIE'],
  sector: ['SECTOR', 'ONDERWIJSSECTOR'],
  soortPo: ['SOORT PO', 'SOORT PRIMAIR ONDERWIJS', 'SOORTPO'],
  structure: ['ONDERWIJSSTRUCTUUR'],
  endDate: ['DATUM EINDE', 'EINDDATUM', 'DATUM OPHEFFING', 'DATUM EINDE VESTIGING'],
} as const;

export type DuoField = keyof typeof DUO_COLUMNS;

export interface DuoOptions {
  /** Sector of every row when the file has no sector column (DUO publishes one file per sector). */
  sector?: Sector;
  /** Today's date (YYYY-MM-DD): an end date on or before it closes the location. */
  today: string;
}

const BRIN = /^[0-9]{2}[A-Z]{2}$/;

/** `00AA00` (newer files: instellingscode + number), `0`, `1`, `01` → `00`/`01`; null when bad. */
export function vestigingNumber(raw: string, brin: string): string | null {
  const v = raw.trim().toUpperCase();
  if (v === '') return null;
  if (/^[0-9]{2}[A-Z]{2}[0-9]{1,2}$/.test(v)) return v.startsWith(brin) ? v.slice(4).padStart(2, '0') : null;
  if (/^[0-9]{1,2}$/.test(v)) return v.padStart(2, '0');
  return null;
}

function sectorsOfRow(row: string[], index: Partial<Record<DuoField, number>>, fallback: Sector | undefined): Sector[] | null | undefined {
  const given = cellOf(row, index, 'sector');
  if (given) return sectorsOf(given);
  const soort = cellOf(row, index, 'soortPo');
  if (soort) return sectorsOf(soort);
  const structure = cellOf(row, index, 'structure');
  if (structure) return /^\s*PRO\s*$/i.test(structure) ? ['pro'] : ['vo'];
  return fallback ? [fallback] : undefined;
}

/** Turns a parsed DUO file into records; a file with neither BRIN nor board numbers is refused whole. */
export function mapDuoFile(headers: string[], rows: string[][], lines: number[], opts: DuoOptions): ReferenceFile | { error: string } {
  const { index, unknown } = indexColumns(headers, DUO_COLUMNS);
  const isLocations = index.brin !== undefined;
  const isBoards = !isLocations && index.bevoegdGezag !== undefined;
  if (!isLocations && !isBoards) {
    return { error: 'Not a DUO file: no column BRIN NUMMER/INSTELLINGSCODE (locations) or BEVOEGD GEZAG NUMMER (boards).' };
  }
  if (index.name === undefined) return { error: 'No name column (VESTIGINGSNAAM, INSTELLINGSNAAM or BEVOEGD GEZAG NAAM).' };
  const records: ReferenceRecord[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  const sectorsSeen = new Set<Sector>();
  let sectorKnown = true;
  rows.forEach((row, i) => {
    const line = lines[i] ?? i + 2;
    const reject = (reason: string) => rejected.push({ line, reason });
    const cell = (f: DuoField) => cellOf(row, index, f);
    const name = cell('name');
    if (!name) return reject('name is empty');
    if (name.length > 200) return reject('name is longer than 200 characters');
    const postcode = referencePostcode(cell('postcode'));
    if (postcode === null) return reject(`POSTCODE "${cell('postcode')}" is not a Dutch postcode`);
    const end = cell('endDate');
    const endDate = end ? referenceDate(end) : undefined;
    if (endDate === null) return reject(`end date "${end}" is not a date`);
    const bg = cell('bevoegdGezag');
    if (bg && !/^[0-9]{1,8}$/.test(bg)) return reject(`BEVOEGD GEZAG NUMMER "${bg}" is not a number`);
    const street = [cell('street'), cell('houseNumber')].filter(Boolean).join(' ');
    const fields: ReferenceFields = {
      name,
      kind: isLocations ? 'school' : 'schoolbestuur',
      source: 'duo',
      ...(street ? { street: street.slice(0, 200) } : {}),
      ...(postcode ? { postcode } : {}),
      ...(cell('place') ? { place: placeName(cell('place')).slice(0, 100) } : {}),
      ...(cell('phone') ? { phone: cell('phone').slice(0, 30) } : {}),
      ...(website(cell('website')) ? { website: website(cell('website'))!.slice(0, 300) } : {}),
      ...(cell('denomination') ? { denomination: cell('denomination').slice(0, 100) } : {}),
      ...(bg ? { bevoegdGezag: bg } : {}),
      ...(endDate && endDate <= opts.today ? { closed: true, closedOn: endDate } : {}),
    };
    let id: string;
    if (isLocations) {
      const brin = cell('brin').toUpperCase();
      if (!BRIN.test(brin)) return reject(`BRIN NUMMER/INSTELLINGSCODE "${cell('brin')}" is not a BRIN code (two digits, two letters)`);
      let vestiging: string | undefined;
      if (cell('vestiging')) {
        const v = vestigingNumber(cell('vestiging'), brin);
        if (v === null) return reject(`VESTIGINGSNUMMER/VESTIGINGSCODE "${cell('vestiging')}" does not belong to ${brin}`);
        vestiging = v;
      }
      const sectors = sectorsOfRow(row, index, opts.sector);
      if (sectors === null) return reject('sector not recognised');
      if (sectors === undefined) sectorKnown = false;
      else sectors.forEach((s) => sectorsSeen.add(s));
      Object.assign(fields, { brin, ...(vestiging ? { vestiging } : {}), ...(sectors?.length ? { sectors } : {}), ...(bg ? { parentId: referenceIds.board(bg) } : {}) });
      id = referenceIds.location(brin, vestiging);
    } else {
      if (!bg) return reject('BEVOEGD GEZAG NUMMER is empty');
      id = referenceIds.board(bg);
    }
    if (seen.has(id)) return reject(`${id} appears twice in the file`);
    seen.add(id);
    records.push({ id, line, fields });
  });
  return {
    format: isLocations ? 'duo-locations' : 'duo-boards',
    records,
    rejected,
    rows: rows.length,
    scope: {
      source: 'duo',
      kinds: [isLocations ? 'school' : 'schoolbestuur'],
      // A locations file covers the sectors it names; unknown sectors make it cover all schools.
      sectors: isLocations && sectorKnown && sectorsSeen.size > 0 ? [...sectorsSeen] : null,
    },
    unknownColumns: unknown,
  };
}
