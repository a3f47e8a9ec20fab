/**
 * bench:import — 50,000 candidate rows from an Airtable-style CSV into the local store.
 *
 * Node, RxDB on Dexie over fake-indexeddb, no dev mode (as bench/event-mode.ts). Ours: read the
 * file (encoding, delimiter, CSV), plan every row (header match, value mapping, normalisation,
 * schema validation, duplicate check), write in chunks with bulkInsert (writeBatch, the app's own
 * path, with its batch record for undo). Baseline in the same run: a naive import that inserts
 * row by row (one insert per candidate and note), measured on a sample and extrapolated.
 * Target: under 10 s for 50,000 rows. BENCH_IMPORT_N and BENCH_IMPORT_SAMPLE change the sizes.
 */
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { defaultValueMaps, matchHeaders, planImport } from '../src/shared';
import { parseImportFile } from '../src/shared/import/parse';
import { COLLECTIONS, type RegiodeskCollections } from '../src/renderer/db/collections';
import type { RegiodeskDatabase } from '../src/renderer/db/database';
import { writeBatch } from '../src/renderer/features/import/batch';
import { fmtMs, machine } from './support/measure';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

const N = Number(process.env.BENCH_IMPORT_N ?? 50_000);
const SAMPLE = Number(process.env.BENCH_IMPORT_SAMPLE ?? 1000);
const TARGET_MS = 10_000;

let dbCount = 0;
async function openDb(): Promise<RegiodeskDatabase> {
  const db = await createRxDatabase<RegiodeskCollections>({
    name: `benchimport${++dbCount}x${Date.now()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
    eventReduce: true,
    localDocuments: true,
  });
  await db.addCollections(COLLECTIONS);
  return db as unknown as RegiodeskDatabase;
}

const PHASES = ['nieuw', 'oriënteren', 'voorbereiden', 'matchen'];
const SECTORS = ['Primair onderwijs', 'Voortgezet onderwijs', '"Voortgezet onderwijs, Praktijkonderwijs"', 'Middelbaar beroepsonderwijs'];
const FUNCTIONS = ['Docent / leraar', 'Ondersteuning', 'OOP', 'Instructeur (mbo)'];
const PLACES = ['Enschede', 'Hengelo', 'Almelo', 'Oldenzaal', 'Hilversum'];

function generateCsv(n: number): string {
  const lines = ['Naam,Fase,Sector voorkeur,Functie voorkeur,Plaatsnaam,Email,Telefoon,Postcode,Geboortedatum,Notities'];
  for (let i = 0; i < n; i++) {
    const d = String((i % 28) + 1).padStart(2, '0');
    const m = String((i % 12) + 1).padStart(2, '0');
    lines.push(
      [
        `Voornaam${i} van Achternaam${i}`, PHASES[i % 4], SECTORS[i % 4], FUNCTIONS[i % 4], PLACES[i % 5], `kandidaat${i}@voorbeeld.nl`,
        `06-${String(10_000_000 + i)}`, `${1000 + (i % 8999)}ab`, `${d}-${m}-${1960 + (i % 40)}`, i % 5 === 0 ? `"Gesprek gehad op ${d}/${m}/24, wil ${FUNCTIONS[i % 4]} worden"` : '',
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

const ctxFor = (prefix: string) => {
  let k = 0;
  return { region: 'twente', user: 'bench', now: new Date().toISOString(), fileName: 'bench.csv', newId: () => `${prefix}${String(++k).padStart(8, '0')}` };
};

const bytes = new TextEncoder().encode(generateCsv(N));
console.log(`\nImport (Node, RxDB on Dexie/fake-indexeddb, no dev mode): ${N.toLocaleString('en')} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MB CSV`);
console.log(machine());

// Ours: parse → plan → chunked bulk write.
const db = await openDb();
const t0 = performance.now();
const table = await parseImportFile(bytes, 'bench.csv');
const tParsed = performance.now();
const plan = planImport(table, matchHeaders(table.headers), defaultValueMaps(), [], ctxFor('b'));
const tPlanned = performance.now();
if (plan.counts.ok !== N) throw new Error(`expected ${N} ok rows, got ${JSON.stringify(plan.counts)}`);
const items = plan.rows.map((r) => ({ candidate: r.candidate!, notes: r.notes ?? [] }));
await writeBatch(db, items, { batchId: 'bench', fileName: 'bench.csv', user: 'bench', region: 'twente', now: new Date().toISOString(), counts: { duplicatesImported: 0, duplicatesSkipped: 0, rejected: 0 } });
const tWritten = performance.now();
const stored = await db.candidates.count().exec();
if (stored !== N) throw new Error(`expected ${N} candidates stored, found ${stored}`);
const ours = tWritten - t0;
// RxDB allows 13 open collections per process: close this database before the baseline's.
await db.remove();

// Baseline: the same planned documents of a sample, inserted one by one, extrapolated.
const naiveDb = await openDb();
const sample = plan.rows.slice(0, SAMPLE);
const n0 = performance.now();
for (const r of sample) {
  await naiveDb.candidates.insert({ ...r.candidate!, id: `n${r.candidate!.id}` });
  for (const note of r.notes ?? []) await naiveDb.notes.insert({ ...note, id: `n${note.id}`, candidateId: `n${note.candidateId}` });
}
const naiveSample = performance.now() - n0;
const naive = (naiveSample / sample.length) * N + (tPlanned - t0);

console.log(`  read file            ${fmtMs(tParsed - t0).padStart(9)}`);
console.log(`  plan (validate, dup) ${fmtMs(tPlanned - tParsed).padStart(9)}`);
console.log(`  write (bulk chunks)  ${fmtMs(tWritten - tPlanned).padStart(9)}   ${Math.round(N / ((tWritten - tPlanned) / 1000)).toLocaleString('en')} candidates/s`);
console.log(`  total                ${fmtMs(ours).padStart(9)}   target < ${fmtMs(TARGET_MS)}: ${ours < TARGET_MS ? 'met' : 'MISSED'}`);
console.log(`  baseline row-by-row  ${fmtMs(naive).padStart(9)}   (read + plan + ${sample.length} single inserts in ${fmtMs(naiveSample)}, extrapolated to ${N.toLocaleString('en')})`);
console.log(`  ratio                ${(naive / ours).toFixed(1)}× faster than row by row`);
await naiveDb.remove();
process.exit(0);
