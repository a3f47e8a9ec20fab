import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../domain/candidate';
import { findDuplicateGroups, DuplicateIndex } from './duplicates';
import { keepOrder } from './merge';
import { matchHeaders, mappingProblems, targetOfHeader } from './headers';
import { normalizeImportPhone, parseDutchDate, parseYesNo, splitMulti, splitName } from './normalize';
import { decodeText, detectDelimiter, ImportFileError, MAX_IMPORT_BYTES, parseImportFile } from './parse';
import { checkRows, flagDuplicates, planImport, rowToCandidate, unknownValues, type ImportContext } from './plan';
import { defaultValueMaps, lookupValue, withChoice } from './values';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test-fixtures/import/${name}`, import.meta.url)));

function ctx(): ImportContext {
  let n = 0;
  return { region: 'twente', user: 'anna', now: '2026-11-25T10:00:00.000Z', fileName: 'test.csv', newId: () => `c${++n}` };
}

async function problemOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof ImportFileError ? e.problem : `other: ${String(e)}`;
  }
}

describe('header matching', () => {
  it('matches the pilot base and English headers, ignoring case, accents and arrows', () => {
    expect(matchHeaders(['Naam', 'Fase ↓', 'Sector voorkeur', 'Functie voorkeur', 'Plaatsnaam', 'Email', 'Notities', 'Kleur'])).toEqual([
      'name', 'phase', 'sectors', 'functions', 'place', 'email', 'notes', null,
    ]);
    expect(matchHeaders(['First name', 'Last name', 'E-mail', 'Phone', 'Date of birth'])).toEqual(['firstName', 'lastName', 'email', 'phone', 'dateOfBirth']);
    expect(targetOfHeader('TELEFOONNUMMER')).toBe('phone');
    expect(targetOfHeader('Geboortedatum')).toBe('dateOfBirth');
  });
  it('takes a target once and drops Naam when first and last name exist', () => {
    expect(matchHeaders(['Email', 'E-mail'])).toEqual(['email', null]);
    expect(matchHeaders(['Naam', 'Voornaam', 'Achternaam'])).toEqual([null, 'firstName', 'lastName']);
  });
  it('reports a mapping without a name', () => {
    expect(mappingProblems(['email', 'phase'])).toEqual(['nameMissing']);
    expect(mappingProblems(['name'])).toEqual([]);
    expect(mappingProblems(['name', 'email', 'email'])).toEqual(['duplicateTarget:email']);
  });
});

describe('value normalisation', () => {
  it('reads Dutch and ISO dates and refuses impossible ones', () => {
    expect(parseDutchDate('31-12-1990')).toBe('1990-12-31');
    expect(parseDutchDate('1/2/1985')).toBe('1985-02-01');
    expect(parseDutchDate('31.12.1990')).toBe('1990-12-31');
    expect(parseDutchDate('1990-12-31')).toBe('1990-12-31');
    expect(parseDutchDate('05-06-90', new Date('2026-01-01'))).toBe('1990-06-05');
    expect(parseDutchDate('05-06-05', new Date('2026-01-01'))).toBe('2005-06-05');
    expect(parseDutchDate('31-02-1990')).toBeNull();
    expect(parseDutchDate('dd/mm/yyyy')).toBeNull();
    expect(parseDutchDate('gisteren')).toBeNull();
  });
  it('tidies phone numbers', () => {
    expect(normalizeImportPhone('+31 (0)6 2345 6789')).toBe('+31 6 2345 6789');
    expect(normalizeImportPhone('0031 6 12345678')).toBe('+31 6 12345678');
    expect(normalizeImportPhone('612345678')).toBe('0612345678');
    expect(normalizeImportPhone('06.1234.5678')).toBe('06 1234 5678');
  });
  it('splits multiple selects and names', () => {
    expect(splitMulti('Voortgezet onderwijs, Praktijkonderwijs')).toEqual(['Voortgezet onderwijs', 'Praktijkonderwijs']);
    expect(splitMulti('a; a;-; b')).toEqual(['a', 'b']);
    expect(splitName('Erik de Prater')).toEqual({ firstName: 'Erik', lastName: 'de Prater' });
    expect(splitName('Dijk, Jan van')).toEqual({ firstName: 'Jan van', lastName: 'Dijk' });
    expect(splitName('Cher')).toEqual({ firstName: '', lastName: 'Cher' });
    expect(parseYesNo('Ja')).toBe(true);
    expect(parseYesNo('nee')).toBe(false);
    expect(parseYesNo('misschien')).toBeNull();
  });
});

describe('value mapping', () => {
  it('maps the pilot base names onto our codes and lets the user choose the rest', () => {
    const maps = defaultValueMaps();
    expect(lookupValue(maps, 'phase', 'oriënteren')).toBe('orienteren');
    expect(lookupValue(maps, 'phase', 'On hold')).toBe('on_hold');
    expect(lookupValue(maps, 'functions', 'Ondersteuning')).toBe('onderwijsassistent');
    expect(lookupValue(maps, 'functions', 'Docent / leraar')).toBe('docent');
    expect(lookupValue(maps, 'sectors', 'Speciaal onderwijs')).toBe('so');
    expect(lookupValue(maps, 'phase', 'wachtlijst')).toBeUndefined();
    const chosen = withChoice(maps, 'phase', 'Wachtlijst', 'on_hold');
    expect(lookupValue(chosen, 'phase', 'wachtlijst')).toBe('on_hold');
    expect(lookupValue(withChoice(maps, 'sectors', 'Anders', null), 'sectors', 'anders')).toBeNull();
  });
});

describe('duplicate rules', () => {
  const base = { firstName: 'Jan', lastName: 'de Vries' };
  it('matches on e-mail, phone digits, or name with date of birth, never on name alone', () => {
    const idx = new DuplicateIndex([
      { id: 'a', ...base, email: 'jan@x.nl' },
      { id: 'b', firstName: 'Piet', lastName: 'Puk', phone: '+31 6 12345678' },
      { id: 'c', firstName: 'Zoë', lastName: 'Smit', dateOfBirth: '1990-01-02' },
    ]);
    expect(idx.find({ firstName: 'Other', lastName: 'Person', email: 'JAN@x.nl' })).toEqual({ id: 'a', rule: 'email' });
    expect(idx.find({ firstName: 'X', lastName: 'Y', phone: '06-12345678' })).toEqual({ id: 'b', rule: 'phone' });
    expect(idx.find({ firstName: 'zoe', lastName: 'SMIT', dateOfBirth: '1990-01-02' })).toEqual({ id: 'c', rule: 'nameDob' });
    expect(idx.find({ ...base })).toBeNull();
    expect(idx.find({ firstName: 'Zoë', lastName: 'Smit', dateOfBirth: '1991-01-02' })).toBeNull();
  });
  it('groups duplicates transitively', () => {
    const groups = findDuplicateGroups([
      { id: 'a', ...base, email: 'jan@x.nl' },
      { id: 'b', ...base, email: 'jan@x.nl', phone: '0612345678' },
      { id: 'c', firstName: 'J.', lastName: 'Vries', phone: '06 1234 5678' },
      { id: 'd', ...base },
    ]);
    expect(groups).toEqual([{ ids: ['a', 'b', 'c'], rules: ['email', 'phone'] }]);
  });
  it('offers the oldest record to keep, and among those made at once (one import) the fullest, whatever the order found', () => {
    const at = '2026-01-01T10:00:00.000Z';
    const c = (id: string, createdAt: string, extra: Partial<Candidate> = {}) =>
      ({ ...newCandidate({ firstName: 'Laura', lastName: 'K', ownerRegion: 'twente', regions: ['twente'] }, { id, user: 'anna', now: createdAt }), ...extra }) as Candidate;
    const thin = c('a-thin', at);
    const full = c('z-full', at, { sectors: ['vo', 'pro'], dateOfBirth: '1990-12-31' });
    const older = c('m-older', '2025-06-01T10:00:00.000Z');
    expect(keepOrder([thin, full]).map((x) => x.id)).toEqual(['z-full', 'a-thin']);
    expect(keepOrder([full, thin]).map((x) => x.id)).toEqual(['z-full', 'a-thin']);
    expect(keepOrder([thin, full, older])[0]!.id).toBe('m-older');
  });
});

describe('reading files (bad input included)', () => {
  it('reads the Airtable export: comma, UTF-8, quoted multi-selects', async () => {
    const t = await parseImportFile(fixture('airtable-kandidaten.csv'), 'airtable-kandidaten.csv');
    expect(t.delimiter).toBe(',');
    expect(t.encoding).toBe('utf-8');
    expect(t.headers[0]).toBe('Naam');
    expect(t.rows).toHaveLength(12);
    expect(t.rows[3]![2]).toBe('Voortgezet onderwijs, Praktijkonderwijs');
  });
  it('detects Windows-1252 and semicolons', async () => {
    const t = await parseImportFile(fixture('windows-1252.csv'), 'windows-1252.csv');
    expect(t.encoding).toBe('windows-1252');
    expect(t.delimiter).toBe(';');
    expect(t.rows.map((r) => r[0])).toEqual(['Joël', 'Renée', 'François']);
    expect(decodeText(new TextEncoder().encode('\ufeffNaam;Fase')).encoding).toBe('utf-8');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
  });
  it('reads the first sheet of an XLSX with dates as ISO dates', async () => {
    const t = await parseImportFile(fixture('kandidaten.xlsx'), 'kandidaten.xlsx');
    expect(t.format).toBe('xlsx');
    expect(t.headers).toContain('Geboortedatum');
    expect(t.rows[0]![6]).toBe('1992-04-05');
  });
  it('refuses empty, header-only, broken, binary and too large files with a reason', async () => {
    expect(await problemOf(parseImportFile(fixture('empty.csv'), 'empty.csv'))).toBe('empty');
    expect(await problemOf(parseImportFile(fixture('header-only.csv'), 'header-only.csv'))).toBe('empty');
    expect(await problemOf(parseImportFile(fixture('broken.xlsx'), 'broken.xlsx'))).toBe('brokenXlsx');
    expect(await problemOf(parseImportFile(new TextEncoder().encode('Naam;Fase\nA;nieuw'), 'renamed.xlsx'))).toBe('brokenXlsx');
    expect(await problemOf(parseImportFile(new Uint8Array([0x4e, 0, 0x61, 0]), 'utf16.csv'))).toBe('binary');
    expect(await problemOf(parseImportFile(new Uint8Array(MAX_IMPORT_BYTES + 1), 'big.csv'))).toBe('tooLarge');
  });
  it('notices a file whose delimiter it cannot see', async () => {
    const text = 'Naam Fase\nJan,nieuw\n';
    expect(await problemOf(parseImportFile(new TextEncoder().encode(text), 'x.csv'))).toBe('oneColumn');
  });
});

describe('rows to candidates (the dry run)', () => {
  it('plans the Airtable export: created, duplicates and rejections with reasons', async () => {
    const t = await parseImportFile(fixture('airtable-kandidaten.csv'), 'airtable-kandidaten.csv');
    const mapping = matchHeaders(t.headers);
    const maps = defaultValueMaps();
    expect(unknownValues(t, mapping, maps)).toEqual({ phase: ['wachtlijst'], sectors: [], functions: [], subjects: [] });
    const existing = [{ id: 'old', firstName: 'Theo', lastName: 'Test', email: 'theo@voorbeeld.nl' }];
    const plan = planImport(t, mapping, maps, existing, ctx());
    expect(plan.counts).toEqual({ ok: 8, duplicate: 2, rejected: 2 });
    const byName = (n: string) => plan.rows.filter((r) => r.name === n);
    expect(byName('Theo Test')[0]).toMatchObject({ status: 'duplicate', duplicateOf: 'old', duplicateRule: 'email' });
    expect(byName('Laura Kortebroek')[1]).toMatchObject({ status: 'duplicate', duplicateOf: 'line:5', duplicateRule: 'email' });
    expect(byName('Kelly Sall')[0]).toMatchObject({ status: 'rejected', line: 10, errors: { email: 'invalidEmail' } });
    expect(byName('Peter Kranendonk')[0]).toMatchObject({ status: 'rejected', errors: { phase: 'unknownValue' } });

    const laura = byName('Laura Kortebroek')[0]!;
    expect(laura.candidate).toMatchObject({
      firstName: 'Laura', lastName: 'Kortebroek', phase: 'orienteren', sectors: ['vo', 'pro'], functions: ['onderwijsassistent'],
      postcode: '1211 AB', dateOfBirth: '1990-12-31', source: 'import', regions: ['twente'], ownerRegion: 'twente',
      consent: { given: false },
    });
    expect(laura.candidate!.consent.purpose).toContain('test.csv');
    expect(laura.notes).toHaveLength(1);
    expect(laura.notes![0]).toMatchObject({ candidateId: laura.candidate!.id, visibility: 'shared', region: 'twente' });
    expect(laura.notes![0]!.text).toContain('Beekdal College');

    const chosen = planImport(t, mapping, withChoice(maps, 'phase', 'wachtlijst', 'on_hold'), [], ctx());
    expect(chosen.counts).toEqual({ ok: 10, duplicate: 1, rejected: 1 });
  });
  it('plans the same when the rows are checked in parts (the worker and its helper) and flagged together', async () => {
    const t = await parseImportFile(fixture('airtable-kandidaten.csv'), 'airtable-kandidaten.csv');
    const mapping = matchHeaders(t.headers);
    const maps = defaultValueMaps();
    const existing = [{ id: 'old', firstName: 'Theo', lastName: 'Test', email: 'theo@voorbeeld.nl' }];
    const whole = planImport(t, mapping, maps, existing, ctx());
    // Every split point, the in-file duplicate (line 5 and a later line) on either side or both.
    for (let mid = 0; mid <= t.rows.length; mid++) {
      const c = ctx();
      const parts = [...checkRows(t.rows.slice(0, mid), mapping, maps, c, 0), ...checkRows(t.rows.slice(mid), mapping, maps, c, mid)];
      expect(flagDuplicates(parts, existing)).toEqual(whole);
    }
  });
  it('keeps consent as recorded in the file when a column exists', () => {
    const mapping = matchHeaders(['Naam', 'Toestemming', 'Datum toestemming']);
    const yes = rowToCandidate(['Jan Jansen', 'ja', '01-03-2024'], mapping, defaultValueMaps(), ctx());
    expect(yes.ok && yes.candidate.consent).toMatchObject({ given: true, date: '2024-03-01' });
    const bad = rowToCandidate(['Jan Jansen', 'misschien', ''], mapping, defaultValueMaps(), ctx());
    expect(bad).toMatchObject({ ok: false, errors: { 'consent.given': 'invalidChoice' } });
  });
  it('rejects a row without a name and a bad date', () => {
    const mapping = matchHeaders(['Voornaam', 'Achternaam', 'Geboortedatum']);
    expect(rowToCandidate(['', '', ''], mapping, defaultValueMaps(), ctx())).toMatchObject({ ok: false, errors: { lastName: 'required' } });
    expect(rowToCandidate(['A', 'B', '32-01-1990'], mapping, defaultValueMaps(), ctx())).toMatchObject({ ok: false, errors: { dateOfBirth: 'invalidDate' } });
  });
});
