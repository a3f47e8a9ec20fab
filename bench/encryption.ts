/**
 * npm run bench:encryption — what encryption at rest costs when loading candidates.
 *
 * 1. CPU, 100,000 candidates (BENCH_ENC_CANDIDATES): sealing and opening each document's personal
 *    fields (one XChaCha20-Poly1305 box per document, src/renderer/db/encryption.ts) against the
 *    baseline of the same loop without cipher (the object copies the wrapper does anyway).
 * 2. RxDB on Dexie over fake-indexeddb, no dev mode, 5,000 candidates (BENCH_ENC_DB_CANDIDATES):
 *    loading all of them and the list's first page, plain storage vs the encrypting wrapper, in
 *    the same run. fake-indexeddb is slower than a browser's IndexedDB, so the ratio is the figure.
 */
import { cpus, loadavg } from 'node:os';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { candidateRxSchema, newCandidate, type Candidate } from '../src/shared';
import { PERSONAL_FIELDS } from '../src/shared/privacy/personal-fields';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { newDataKey } from '../src/renderer/db/cipher';
import { decryptDocument, encryptDocument, wrappedEncryptedStorage } from '../src/renderer/db/encryption';

addRxPlugin(RxDBMigrationSchemaPlugin);

const N = Number(process.env.BENCH_ENC_CANDIDATES) || 100_000;
const DB_N = Number(process.env.BENCH_ENC_DB_CANDIDATES) || 5_000;
const NOW = '2026-11-25T10:00:00.000Z';
const PHASES = ['nieuw', 'orienteren', 'voorbereiden'] as const;

function candidates(n: number): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const c = newCandidate(
      {
        firstName: `Voornaam${i}`, lastName: `Achternaam${i}`, email: `persoon${i}@example.nl`, phone: `06${String(i).padStart(8, '0')}`,
        address: `Dorpsstraat ${i}`, postcode: '7511 AB', dateOfBirth: '1990-05-17', motivation: 'Wil graag voor de klas staan na tien jaar in de zorg.',
        currentProfession: 'Verpleegkundige', place: 'Enschede', sectors: ['po'], regions: ['twente'], ownerRegion: 'twente',
      },
      { id: `c${String(i).padStart(7, '0')}`, user: 'bench', now: NOW },
    );
    out.push({ ...c, phase: PHASES[i % 3]!, updatedAt: new Date(Date.parse(NOW) - i * 1000).toISOString() });
  }
  return out;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

function cpuPart(): void {
  const key = newDataKey();
  const personal = PERSONAL_FIELDS.candidate;
  const docs = candidates(N) as unknown as Record<string, unknown>[];
  // Warm-up, so the JIT has compiled the cipher before anything is timed.
  for (const d of docs.slice(0, 3000)) decryptDocument(key, encryptDocument(key, d, personal, 'id'), 'id');
  // Baseline: the same loop, the same copies, no cipher.
  const [, copy] = time(() => docs.map((d) => ({ ...d })));
  const [sealed, enc] = time(() => docs.map((d) => encryptDocument(key, d, personal, 'id')));
  const [, dec] = time(() => sealed.map((d) => decryptDocument(key, d, 'id')));
  const [, copy2] = time(() => docs.map((d) => ({ ...d })));
  const base = Math.min(copy, copy2);
  // The raw cipher on the same records: pre-encoded JSON and ids, one nonce per box, nothing else.
  // What our seal/open cost above it is base64, JSON, encoding and object work.
  const texts = docs.map((d) => { const secret: Record<string, unknown> = {}; for (const f of personal) if (d[f] !== undefined) secret[f] = d[f]; return new TextEncoder().encode(JSON.stringify(secret)); });
  const ads = docs.map((d) => new TextEncoder().encode(String(d.id)));
  const [boxes, rawSeal] = time(() => texts.map((t, i) => { const nonce = randomBytes(24); return [nonce, xchacha20poly1305(key, nonce, ads[i]!).encrypt(t)] as const; }));
  const [, rawOpen] = time(() => boxes.map(([nonce, box], i) => xchacha20poly1305(key, nonce, ads[i]!).decrypt(box)));
  console.log(`  CPU, ${N} candidates (${personal.length} personal fields each):`);
  console.log(`    baseline copy          ${base.toFixed(0)} ms`);
  console.log(`    seal (write path)      ${enc.toFixed(0)} ms  = ${((enc / N) * 1000).toFixed(1)} µs per document`);
  console.log(`    open (load path)       ${dec.toFixed(0)} ms  = ${((dec / N) * 1000).toFixed(1)} µs per document`);
  console.log(`    raw cipher seal        ${rawSeal.toFixed(0)} ms  = ${((rawSeal / N) * 1000).toFixed(1)} µs per document; our seal costs ${(enc / rawSeal).toFixed(2)}× the raw cipher`);
  console.log(`    raw cipher open        ${rawOpen.toFixed(0)} ms  = ${((rawOpen / N) * 1000).toFixed(1)} µs per document; our open costs ${(dec / rawOpen).toFixed(2)}× the raw cipher`);
}

async function dbPart(): Promise<void> {
  let docs = candidates(DB_N);
  const run = async (label: string, storage: RxStorage<any, any>) => {
    const db = await createRxDatabase<any>({ name: `benchenc${label}${Date.now()}`, storage, multiInstance: false, eventReduce: true });
    await db.addCollections({ candidates: { schema: candidateRxSchema as unknown as RxJsonSchema<Candidate>, migrationStrategies: { 1: (d: unknown) => d, 2: (d: unknown) => d, 3: (d: unknown) => d } } });
    const [, write] = await timeAsync(() => db.candidates.bulkInsert(docs));
    // Fresh instance for the reads: nothing served from RxDB's document cache.
    await db.close();
    const db2 = await createRxDatabase<any>({ name: db.name, storage, multiInstance: false, eventReduce: true });
    await db2.addCollections({ candidates: { schema: candidateRxSchema as unknown as RxJsonSchema<Candidate>, migrationStrategies: { 1: (d: unknown) => d, 2: (d: unknown) => d, 3: (d: unknown) => d } } });
    // One measurement each: a repeated query would be answered from RxDB's query cache.
    const [all, load] = await timeAsync(() => db2.candidates.find().exec());
    const [page, first] = await timeAsync(() => db2.candidates.find({ selector: { ownerRegion: 'twente', phase: 'nieuw' }, sort: [{ updatedAt: 'desc' }], limit: 50 }).exec());
    if ((all as unknown[]).length !== docs.length || (page as unknown[]).length !== Math.min(50, Math.ceil(docs.length / 3))) throw new Error('wrong result');
    await db2.remove();
    return { write, load, first };
  };
  // Warm-up of both paths (JIT, Dexie), not counted.
  const all = docs;
  docs = all.slice(0, 300);
  await run('warmplain', getRxStorageDexie({ indexedDB, IDBKeyRange }));
  await run('warmsealed', wrappedEncryptedStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), key: newDataKey() }));
  docs = all;
  const plain = await run('plain', getRxStorageDexie({ indexedDB, IDBKeyRange }));
  const sealed = await run('sealed', wrappedEncryptedStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), key: newDataKey() }));
  console.log(`  RxDB (Dexie on fake-indexeddb, no dev mode), ${DB_N} candidates:`);
  const row = (name: string, a: number, b: number) => console.log(`    ${name.padEnd(26)} plain ${a.toFixed(0).padStart(6)} ms   encrypted ${b.toFixed(0).padStart(6)} ms   ratio ${(b / a).toFixed(2)}x`);
  row('write all (bulkInsert)', plain.write, sealed.write);
  row('load all (find().exec())', plain.load, sealed.load);
  row('first page (50, indexed)', plain.first, sealed.first);
}

console.log(`\nEncryption at rest (node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
cpuPart();
// BENCH_ENC_CPU_ONLY=1: only the CPU part (the cipher path), e.g. for a quick before/after.
if (!process.env.BENCH_ENC_CPU_ONLY) await dbPart();
console.log(`  load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
