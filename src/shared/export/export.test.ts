import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isDangerousCell, neutraliseCell } from './injection';
import { buildExportTable, toCsv } from './table';

describe('CSV injection', () => {
  it('neutralises cells that a spreadsheet would run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://x","klik")', '+31 6 1234', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(isDangerousCell(bad)).toBe(true);
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
    }
    for (const ok of ['Jan', '06-12345678', 'a=b', '', ' =1']) expect(neutraliseCell(ok)).toBe(ok);
  });
});

describe('CSV for Dutch Excel', () => {
  const rows = [
    { name: 'Zoë "Z" de Vries', note: '=HYPERLINK("http://evil")', place: 'Den Haag; centrum', date: '2026-11-25' },
    { name: 'Jan', note: 'regel 1\nregel 2', place: '', date: '' },
  ];
  const table = buildExportTable(rows, [
    { key: 'name', header: 'Naam', type: 'text', value: (r) => r.name },
    { key: 'note', header: 'Notitie', type: 'text', value: (r) => r.note },
    { key: 'place', header: 'Plaatsnaam', type: 'text', value: (r) => r.place },
    { key: 'date', header: 'Datum', type: 'date', value: (r) => r.date },
  ]);
  it('writes a BOM, semicolons, CRLF and quotes what needs it', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\ufeffNaam;Notitie;Plaatsnaam;Datum\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(parsed[1]).toEqual(['Zoë "Z" de Vries', `'=HYPERLINK("http://evil")`, 'Den Haag; centrum', '2026-11-25']);
    expect(parsed[2]).toEqual(['Jan', 'regel 1\nregel 2', '', '']);
  });
});
