import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { newCandidate, type Candidate } from '../src/shared';
import { COLLECTIONS, type RegiodeskCollections } from '../src/renderer/db/collections';
import type { RegiodeskDatabase } from '../src/renderer/db/database';
import { ContactIndex } from '../src/renderer/features/event-mode/contacts';
import { EMPTY_EVENT_FORM, saveAtEvent } from '../src/renderer/features/event-mode/save';
import { newDataKey } from '../src/renderer/db/cipher';
import { wrappedEncryptedStorage } from '../src/renderer/db/encryption';

addRxPlugin(RxDBMigrationSchemaPlugin);

let dbCount = 0;
/** The app's collections on Dexie over fake-indexeddb, production settings (no dev mode). */
async function openDb(): Promise<RegiodeskDatabase> {
  const db = await createRxDatabase<RegiodeskCollections>({
    name: `benchevent${++dbCount}x${Date.now()}`,
    // As in the app: personal fields encrypted at rest (src/renderer/db/encryption.ts).
    storage: wrappedEncryptedStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), key: newDataKey() }),
    multiInstance: false,
    eventReduce: true,
  });
  await db.addCollections(COLLECTIONS);
  return db as unknown as RegiodeskDatabase;
}

async function fill(db: RegiodeskDatabase, n: number, index: ContactIndex): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < n; i += 5000) {
    const batch: Candidate[] = [];
    for (let j = i; j < Math.min(n, i + 5000); j++) {
      batch.push(newCandidate({ firstName: `Voor${j}`, lastName: `Achter${j}`, email: `p${j}@example.nl`, phone: `06${String(j).padStart(8, '0')}`, sectors: ['po'], regions: ['twente'], ownerRegion: 'twente' }, { id: `c${String(j).padStart(7, '0')}`, user: 'bench', now }));
    }
    for (const c of batch) index.add(c);
    const r = await db.candidates.bulkInsert(batch);
    if (r.error.length) throw new Error(`${r.error.length} not inserted`);
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function measure(db: RegiodeskDatabase, saves: number, index: ContactIndex): Promise<{ p50: number; p95: number; lookupUs: number }> {
  let n = 0;
  const ctx = { activityId: 'benchactivity001', region: 'twente', user: 'bench', consentPurpose: 'Contact over werken in het onderwijs', newId: () => `e${++n}x${Math.random().toString(36).slice(2, 10)}` };
  const times: number[] = [];
  let lookups = 0;
  for (let i = 0; i < saves; i++) {
    const values = { ...EMPTY_EVENT_FORM, firstName: 'Gast', lastName: `Bench${i}`, email: `gast${i}@example.org`, phone: '', sectors: ['vo'], consent: true };
    const started = performance.now();
    const l0 = performance.now();
    const known = index.lookup(values.email, values.phone);
    lookups += performance.now() - l0;
    const r = await saveAtEvent(db, values, ctx, known ? known.id : null);
    times.push(performance.now() - started);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
  return { p50: pct(times, 50), p95: pct(times, 95), lookupUs: (lookups / saves) * 1000 };
}

/** Event mode: p95 time of saving one person (lookup + candidate + registration) on a full laptop. */
export async function benchEventMode(): Promise<void> {
  const size = Number(process.env.BENCH_EVENT_CANDIDATES) || 100_000;
  const saves = Number(process.env.BENCH_EVENT_SAVES) || 200;
  console.log(`\nEvent mode (Node, RxDB on Dexie/fake-indexeddb, no dev mode): ${saves} saves`);
  const empty = await openDb();
  const base = await measure(empty, saves, new ContactIndex());
  await empty.remove();
  const full = await openDb();
  const t0 = performance.now();
  // The contact index is filled from the same candidates as they are written: in the app it is
  // read from IndexedDB in pages when event mode opens; fake-indexeddb's cursors are quadratic,
  // so reading 100,000 back here would measure fake-indexeddb, not the app.
  const index = new ContactIndex();
  await fill(full, size, index);
  console.log(`  filled ${size} candidates in ${((performance.now() - t0) / 1000).toFixed(1)} s (contact index: ${index.size} keys)`);
  const r = await measure(full, saves, index);
  await full.remove();
  const row = (name: string, x: typeof r) =>
    console.log(`  ${name.padEnd(28)} save p50 ${x.p50.toFixed(2)} ms  p95 ${x.p95.toFixed(2)} ms  lookup ${x.lookupUs.toFixed(1)} µs`);
  row('baseline: empty store', base);
  row(`${size} candidates`, r);
  console.log(`  ratio p95 full/empty: ${(r.p95 / base.p95).toFixed(2)}x; target p95 < 15 ms: ${r.p95 < 15 ? 'met' : 'NOT met'}`);
}
