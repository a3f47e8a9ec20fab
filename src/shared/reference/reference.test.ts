import { describe, expect, it } from 'vitest';
import { decodeText, parseDelimited } from '../import/csv-text';
import { foldColumnName, indexColumns } from '../import/column-index';
import { organisationSchema, type Organisation } from '../domain/organisation';
import { DUO_COLUMNS, mapDuoFile, vestigingNumber } from './duo';
import { mapProgrammesFile } from './programmes';
import { planReferenceImport } from './plan';
import { readReferenceFile } from './read';
import type { ReferenceFile } from './record';

const today = '2026-11-25';
const enc = (s: string) => new TextEncoder().encode(s);
const OLD = 'BRIN NUMMER;VESTIGINGSNUMMER;BEVOEGD GEZAG NUMMER;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;SOORT PO';
const NEW = 'INSTELLINGSCODE;VESTIGINGSCODE;BEVOEGD GEZAG NUMMER;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;SOORT PRIMAIR ONDERWIJS;DATUM EINDE';

function duo(text: string): ReferenceFile {
  const r = readReferenceFile(enc(text), 'duo', { today });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('header matching', () => {
  it('folds case, accents, spaces and dashes', () => {
    expect(foldColumnName('Huisnummer-toevoeging')).toBe('HUISNUMMERTOEVOEGING');
    expect(foldColumnName(' bevoegd_gezag nummer ')).toBe('BEVOEGDGEZAGNUMMER');
    expect(foldColumnName('Plaatsnaam é')).toBe('PLAATSNAAME');
  });

  it('finds older and newer DUO header names, first column wins, reports the rest', () => {
    const old = indexColumns(OLD.split(';'), DUO_COLUMNS);
    const neu = indexColumns(['instellingscode', 'Vestigingscode', 'BEVOEGDGEZAGNUMMER', 'VESTIGINGSNAAM', 'VESTIGINGSNAAM', 'GPS'], DUO_COLUMNS);
    expect(old.index).toMatchObject({ brin: 0, vestiging: 1, bevoegdGezag: 2, name: 3, street: 4, houseNumber: 5, postcode: 6, place: 7, soortPo: 8 });
    expect(neu.index).toMatchObject({ brin: 0, vestiging: 1, bevoegdGezag: 2, name: 3 });
    expect(neu.unknown).toEqual(['GPS']);
  });
});

describe('decoding and parsing', () => {
  it('reads Windows-1252 and UTF-8 with BOM alike', () => {
    const cp1252 = new Uint8Array([0x4f, 0x72, 0x69, 0xeb, 0x6e, 0x74, 0x20, 0x92, 0x74, 0x20, 0x80]); // "Oriënt ’t €"
    expect(decodeText(cp1252)).toEqual({ text: 'Oriënt ’t €', encoding: 'windows-1252' });
    expect(decodeText(enc('\ufeffOriënt'))).toEqual({ text: 'Oriënt', encoding: 'utf-8' });
  });

  it('guesses the delimiter and skips blank lines, keeping file line numbers', () => {
    const t = parseDelimited('a;b\r\n1;"x;y"\r\n\r\n2;z\r\n');
    expect(t).toMatchObject({ delimiter: ';', headers: ['a', 'b'], rows: [['1', 'x;y'], ['2', 'z']], lines: [2, 4] });
    expect(parseDelimited('a,b\n1,2').delimiter).toBe(',');
  });
});

describe('DUO rows', () => {
  it('maps both header generations to the same records', () => {
    const a = duo(`${OLD}\n10AB;01;41234;OBS De Es;Esweg;12 a;7511ab;ENSCHEDE;Bo\n`);
    const b = duo(`${NEW}\n10AB;10AB01;41234;OBS De Es;Esweg;12 a;7511 AB;ENSCHEDE;Bo;\n`);
    expect(a.records).toEqual(b.records);
    expect(a.records[0]).toMatchObject({
      id: 'duo-10AB01',
      line: 2,
      fields: { name: 'OBS De Es', kind: 'school', source: 'duo', brin: '10AB', vestiging: '01', bevoegdGezag: '41234', parentId: 'duo-bg-41234', street: 'Esweg 12 a', postcode: '7511 AB', place: 'Enschede', sectors: ['po'] },
    });
    expect(a.scope).toEqual({ source: 'duo', kinds: ['school'], sectors: ['po'] });
    // Every mapped record is a valid organisation.
    const doc = { ...a.records[0]!.fields, id: 'duo-10AB01', type: 'organisation', region: 'reference', createdAt: `${today}T00:00:00.000Z`, createdBy: 'a', updatedAt: `${today}T00:00:00.000Z`, updatedBy: 'a' };
    expect(organisationSchema.safeParse(doc).success).toBe(true);
  });

  it('normalises vestiging numbers and refuses foreign ones', () => {
    expect(vestigingNumber('0', '10AB')).toBe('00');
    expect(vestigingNumber('10AB03', '10AB')).toBe('03');
    expect(vestigingNumber('11AB03', '10AB')).toBeNull();
    expect(vestigingNumber('X9', '10AB')).toBeNull();
  });

  it('rejects bad rows with a reason and line, keeps the good ones', () => {
    const f = duo(`${OLD}\n5XAB;00;1;Fout;;;;;Bo\n10AB;00;1;Goed;;;;;Bo\n11AB;00;1;;;;;;Bo\n12AB;00;1;Postcode;;;12;;Bo\n10AB;00;1;Dubbel;;;;;Bo\n13AB;00;1;Sector;;;;;Hbo-x\n`);
    expect(f.records.map((r) => r.id)).toEqual(['duo-10AB00']);
    expect(f.rejected).toEqual([
      { line: 2, reason: expect.stringContaining('BRIN') },
      { line: 4, reason: 'name is empty' },
      { line: 5, reason: expect.stringContaining('POSTCODE') },
      { line: 6, reason: expect.stringContaining('twice') },
      { line: 7, reason: 'sector not recognised' },
    ]);
  });

  it('closes a location whose end date has passed, not one that ends later', () => {
    const f = duo(`${NEW}\n10AB;10AB00;1;Dicht;;;;;Bo;31-07-2024\n10AB;10AB01;1;Nog open;;;;;Bo;2030-01-01\n`);
    expect(f.records[0]!.fields).toMatchObject({ closed: true, closedOn: '2024-07-31' });
    expect(f.records[1]!.fields.closed).toBeUndefined();
  });

  it('recognises a boards file and refuses a file that is neither', () => {
    const boards = duo('BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM;PLAATSNAAM\n41234;Stichting Openbaar Onderwijs;ENSCHEDE\n');
    expect(boards.format).toBe('duo-boards');
    expect(boards.records[0]).toMatchObject({ id: 'duo-bg-41234', fields: { kind: 'schoolbestuur', name: 'Stichting Openbaar Onderwijs' } });
    expect(readReferenceFile(enc('naam;plaats\nx;y\n'), 'duo', { today })).toEqual({ error: expect.stringContaining('BRIN') });
    expect(readReferenceFile(new Uint8Array(), 'duo', { today })).toEqual({ error: 'The file is empty.' });
    expect(mapDuoFile(['BRIN NUMMER', 'X'], [], [], { today })).toMatchObject({ error: expect.stringContaining('name') });
  });
});

describe('programme rows', () => {
  it('maps programmes and derives their institutions once', () => {
    const f = mapProgrammesFile(
      ['Code', 'Naam', 'Instellingscode', 'Instellingsnaam', 'Niveau', 'Sector', 'Plaats'],
      [['39110', 'Pabo', '21UI', 'Saxion', 'bachelor', 'po', 'ENSCHEDE'], ['35161', 'Leraar Engels', '21UI', 'Saxion', 'bachelor', 'vo, mbo', 'ENSCHEDE'], ['35170', 'Muziek', '21UI', 'Saxion', '', 'kunst', '']],
      [2, 3, 4],
      { today },
    );
    if ('error' in f) throw new Error(f.error);
    expect(f.records.map((r) => r.id)).toEqual(['inst-21ui', 'prog-39110', 'prog-35161']);
    expect(f.records[0]).toMatchObject({ derived: true, fields: { kind: 'instelling', name: 'Saxion', brin: '21UI' } });
    expect(f.records[2]!.fields).toMatchObject({ kind: 'lerarenopleiding', programmeCode: '35161', parentId: 'inst-21ui', sectors: ['vo', 'mbo'], level: 'bachelor' });
    expect(f.rejected).toEqual([{ line: 4, reason: expect.stringContaining('kunst') }]);
  });
});

describe('import plan', () => {
  const ctx = { now: `${today}T10:00:00.000Z`, user: 'admin', today };
  const asMap = (docs: Organisation[]) => new Map(docs.map((d) => [d.id, d]));

  it('creates, then finds everything unchanged, then updates, reopens and closes', () => {
    const first = duo(`${OLD}\n10AB;00;1;A;;;;;Bo\n10AB;01;1;B;;;;;Bo\n11AB;00;1;C;;;;;Sbo\n`);
    const p1 = planReferenceImport(first, new Map(), ctx);
    expect(p1.report).toMatchObject({ created: 3, updated: 0, unchanged: 0, closed: 0 });
    const again = planReferenceImport(first, asMap(p1.writes), ctx);
    expect(again).toMatchObject({ writes: [], report: { created: 0, updated: 0, unchanged: 3, closed: 0 } });
    const newer = duo(`${NEW}\n10AB;10AB00;1;A2;;;;;Bo;\n11AB;11AB00;1;C;;;;;Sbo;01-01-2025\n12AB;12AB00;1;D;;;;;Bo;\n`);
    const p3 = planReferenceImport(newer, asMap(p1.writes), ctx);
    expect(p3.report).toMatchObject({ created: 1, updated: 1, unchanged: 0, closed: 2 });
    const byId = asMap(p3.writes);
    expect(byId.get('duo-10AB01')).toMatchObject({ closed: true, closedOn: today, createdAt: ctx.now });
    expect(byId.get('duo-11AB00')).toMatchObject({ closed: true, closedOn: '2025-01-01' });
    expect(byId.get('duo-10AB00')).toMatchObject({ name: 'A2' });
  });

  it('closes nothing outside the file\'s sectors or with a partial file', () => {
    const po = duo(`${OLD}\n10AB;00;1;A;;;;;Bo\n`);
    const vo = duo(`BRIN NUMMER;VESTIGINGSNUMMER;VESTIGINGSNAAM;ONDERWIJSSTRUCTUUR\n20AB;00;Lyceum;VWO/HAVO\n`);
    const stored = asMap(planReferenceImport(po, new Map(), ctx).writes);
    expect(planReferenceImport(vo, stored, ctx).report.closed).toBe(0);
    const empty = duo(`${OLD}\n10AB;01;1;B;;;;;Bo\n`);
    expect(planReferenceImport(empty, stored, { ...ctx, partial: true }).report.closed).toBe(0);
    expect(planReferenceImport(empty, stored, ctx).report.closed).toBe(1);
  });
});
