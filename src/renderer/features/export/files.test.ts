import readXlsxFile from 'read-excel-file/universal';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildExportTable, newCandidate } from '../../../shared';
import { candidateColumns } from './columns';
import { xlsxBlob } from './files';

describe('XLSX export', () => {
  it('writes a frozen header row, typed dates and neutralised formulas', async () => {
    const c = newCandidate(
      { firstName: '=HYPERLINK("http://evil")', lastName: 'Jansen', place: '@Utrecht', regions: ['twente'], ownerRegion: 'twente', sectors: ['po', 'vo'] },
      { id: 'x1', user: 'anna', now: '2026-11-25T10:00:00.000Z' },
    );
    const table = buildExportTable([c], candidateColumns(['name', 'place', 'sectors', 'createdAt'], 'nl', (f) => f.toUpperCase()));
    const blob = await xlsxBlob(table, 'Kandidaten');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const [sheet] = await readXlsxFile(bytes.buffer);
    expect(sheet!.data[0]).toEqual(['NAME', 'PLACE', 'SECTORS', 'CREATEDAT']);
    const row = sheet!.data[1]!;
    expect(row[0]).toBe(`'=HYPERLINK("http://evil") Jansen`);
    expect(row[1]).toBe("'@Utrecht");
    expect(row[2]).toBe('Primair onderwijs, Voortgezet onderwijs');
    expect(row[3]).toBeInstanceOf(Date);
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).not.toMatch(/<f>/);
  });
});
