/**
 * npm run bench:reference — DUO file of 10,000 school locations imported server-side
 * (POST /_regiodesk/reference/import: decode, parse, plan against what is stored, bulk write),
 * then re-imported (all unchanged; once warm, once cold after another write), against the naive way measured in the same run: one HTTP PUT
 * per row (1,000 rows timed, extrapolated to the file). Target: the import under 5 s.
 */
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD } from '../sync-server/testing';

const ROWS = Number(process.env.BENCH_REFERENCE_ROWS ?? 10_000);
const NAIVE_SAMPLE = Math.min(1000, ROWS);
const AUTH = basicAuth('admin', TEST_ADMIN_PASSWORD);
const PLACES = ['ENSCHEDE', 'HENGELO', 'ALMELO', 'UTRECHT', 'ZEIST', 'AMERSFOORT', 'ZWOLLE', "'S-GRAVENHAGE"];

function brin(i: number): string {
  const letters = String.fromCharCode(65 + (Math.floor(i / 100) % 26)) + String.fromCharCode(65 + (Math.floor(i / 2600) % 26));
  return `${String(i % 100).padStart(2, '0')}${letters}`;
}

/** A DUO locations file in the newer header generation; up to 4 locations per BRIN. */
function duoFile(rows: number): string {
  const out = ['PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;DENOMINATIE;TELEFOONNUMMER;INTERNETADRES;SOORT PRIMAIR ONDERWIJS'];
  for (let i = 0; i < rows; i++) {
    const b = brin(Math.floor(i / 4));
    const v = String(i % 4).padStart(2, '0');
    out.push(`Overijssel;${40000 + (i % 500)};${b};${b}${v};Basisschool nummer ${i};Schoolstraat;${1 + (i % 200)};${7500 + (i % 400)}AB;${PLACES[i % PLACES.length]};Openbaar;053-48${String(i).padStart(5, '0')};www.school${i}.nl;Bo`);
  }
  return out.join('\n') + '\n';
}

async function importOnce(server: string, body: string): Promise<{ ms: number; report: Record<string, unknown> }> {
  const t0 = performance.now();
  const res = await fetch(`${server}/_regiodesk/reference/import?format=duo`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'text/csv' }, body });
  const lines = (await res.text()).trim().split('\n');
  const ms = performance.now() - t0;
  const last = JSON.parse(lines.at(-1)!) as { report?: Record<string, unknown>; reason?: string };
  if (!res.ok || !last.report) throw new Error(`import failed: ${res.status} ${lines.at(-1)}`);
  return { ms, report: last.report };
}

async function main(): Promise<void> {
  const server = await startTestServer();
  try {
    const body = duoFile(ROWS);
    console.log(`DUO file: ${ROWS} rows, ${(body.length / 1e6).toFixed(1)} MB`);
    const first = await importOnce(server.url, body);
    console.log(`import (all new):       ${(first.ms / 1000).toFixed(2)} s  created ${first.report.created}, rejected ${(first.report.rejected as unknown[]).length}`);
    const again = await importOnce(server.url, body);
    console.log(`re-import (unchanged):  ${(again.ms / 1000).toFixed(2)} s  unchanged ${again.report.unchanged}  (warm: the server's copy of what it last wrote)`);
    // Another write to the reference database (an administrator's own document) makes the
    // server's copy stale: this re-import reads every stored document back (one _all_docs).
    const now0 = new Date().toISOString();
    const other = { _id: 'duo-99ZZ00', type: 'organisation', name: 'Handmatig toegevoegd', kind: 'school', source: 'duo', region: 'reference', createdAt: now0, createdBy: 'admin', updatedAt: now0, updatedBy: 'admin' };
    const put = await fetch(`${server.url}/reference/_bulk_docs`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ docs: [other] }) });
    if (!put.ok) throw new Error(`admin write failed: ${put.status}`);
    const cold = await importOnce(server.url, body);
    console.log(`re-import (cold):       ${(cold.ms / 1000).toFixed(2)} s  unchanged ${cold.report.unchanged}, closed ${cold.report.closed}  (stored documents read back first)`);

    // Baseline: the same documents, one PUT each, into a database of their own.
    await fetch(`${server.url}/naive-reference`, { method: 'PUT', headers: { Authorization: AUTH } });
    const now = new Date().toISOString();
    const t0 = performance.now();
    for (let i = 0; i < NAIVE_SAMPLE; i++) {
      const b = brin(Math.floor(i / 4));
      const doc = { type: 'organisation', name: `Basisschool nummer ${i}`, kind: 'school', source: 'duo', brin: b, vestiging: String(i % 4).padStart(2, '0'), place: PLACES[i % PLACES.length], region: 'reference', createdAt: now, createdBy: 'admin', updatedAt: now, updatedBy: 'admin' };
      const res = await fetch(`${server.url}/naive-reference/duo-${b}${doc.vestiging}`, { method: 'PUT', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
      if (!res.ok) throw new Error(`PUT failed: ${res.status}`);
    }
    const naiveMs = ((performance.now() - t0) / NAIVE_SAMPLE) * ROWS;
    console.log(`naive row-by-row PUTs:  ${(naiveMs / 1000).toFixed(2)} s  (${NAIVE_SAMPLE} timed, extrapolated to ${ROWS})`);
    console.log(`ratio naive / import:   ${(naiveMs / first.ms).toFixed(1)}×`);
    console.log(`target import < 5 s:    ${first.ms < 5000 ? 'met' : 'MISSED'}`);
  } finally {
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
