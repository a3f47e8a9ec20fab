// Regenerates kandidaten.xlsx and broken.xlsx: `npx tsx test-fixtures/import/make-xlsx.ts`.
import { writeFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';

const dir = new URL('.', import.meta.url);
const header = ['Voornaam', 'Achternaam', 'Fase', 'Sector voorkeur', 'E-mail', 'Telefoon', 'Geboortedatum', 'Notities'].map((value) => ({ value, fontWeight: 'bold' as const }));
const rows = [
  ['Mila', 'Visser', 'nieuw', 'Primair onderwijs', 'mila@voorbeeld.nl', '0612340001', new Date(Date.UTC(1992, 3, 5)), 'Kwam langs op de open dag'],
  ['Daan', 'Bakker', 'matchen', 'Voortgezet onderwijs, Middelbaar beroepsonderwijs', 'daan@voorbeeld.nl', '0612340002', new Date(Date.UTC(1980, 10, 30)), ''],
  ['Sem', 'de Boer', 'oriënteren', 'Hoger onderwijs', '', '', null, ''],
].map((r) => r.map((v) => (v instanceof Date ? { value: v, type: Date, format: 'dd-mm-yyyy' } : v === null || v === '' ? null : { value: v as string })));
const bytes = await writeXlsxFile([header, ...rows] as never, { stickyRowsCount: 1 }).toBuffer();
writeFileSync(new URL('kandidaten.xlsx', dir), bytes);
// A download that broke off halfway: a ZIP signature, then nothing usable.
writeFileSync(new URL('broken.xlsx', dir), bytes.subarray(0, Math.floor(bytes.length / 2)));
