/**
 * tsx bench/indexes-upgrade-node.ts — the index change's schema migration in Node, no builds
 * needed: the app's storage stack (Dexie on fake-indexeddb, encrypted at rest) holding BENCH_N
 * (2,000) candidates under the old schema (src/renderer/db/schema-history.ts) is migrated with
 * RxDB's default step of 10 (what auto-migration did) and with the app's MIGRATION_BATCH_SIZE
 * (src/renderer/db/migration.ts), BENCH_ROUNDS (3) rounds in alternating order; medians and the
 * ratio printed. fake-indexeddb's costs are not Chromium's: bench/indexes-upgrade.ts measures
 * the real first start.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { demoCandidates } from '../sync-server/demo/candidates';
import { COLLECTIONS } from '../src/renderer/db/collections';
import { newDataKey } from '../src/renderer/db/cipher';
import { wrappedEncryptedStorage } from '../src/renderer/db/encryption';
import { MIGRATION_BATCH_SIZE, migrateCollections, withoutAutoMigration } from '../src/renderer/db/migration';
import { legacyCollection } from '../src/renderer/db/schema-history';
import { fmtMs, machine, since } from './support/measure';

addRxPlugin(RxDBMigrationSchemaPlugin);

const N = Number(process.env.BENCH_N ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = [10, MIGRATION_BATCH_SIZE];
const log = (s: string) => console.log(`[bench:indexes upgrade node] ${s}`);
const key = newDataKey();
const storage = () => wrappedEncryptedStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), key });
let counter = 0;

/** Fills a database under the old schema, then times opening it with the new one and migrating. */
async function once(batchSize: number): Promise<{ wall: number; cpu: number }> {
  const name = `bench-upgrade-${process.pid}-${++counter}`;
  const old = await createRxDatabase({ name, storage: storage(), multiInstance: false, localDocuments: true });
  await old.addCollections({ candidates: legacyCollection('candidates') });
  const docs = demoCandidates('twente', N, ['anna', 'daan']);
  for (let i = 0; i < docs.length; i += 1000) await old.candidates!.bulkInsert(docs.slice(i, i + 1000));
  await old.close();

  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const db = await createRxDatabase({ name, storage: storage(), multiInstance: false, localDocuments: true });
  await db.addCollections(withoutAutoMigration({ candidates: COLLECTIONS.candidates }));
  await migrateCollections(db, batchSize);
  const wall = since(t);
  const c = process.cpuUsage(cpu0);
  const count = await db.candidates!.count().exec();
  await db.remove();
  if (count !== N) throw new Error(`expected ${N} candidates after the upgrade, found ${count}`);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
log(machine());
const times = SIZES.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
for (let r = 0; r < ROUNDS; r++) {
  const order = SIZES.map((_, i) => i);
  if (r % 2) order.reverse();
  for (const i of order) {
    const t = await once(SIZES[i]!);
    times[i]!.wall.push(t.wall);
    times[i]!.cpu.push(t.cpu);
    log(`round ${r + 1}, step ${SIZES[i]}: ${fmtMs(t.wall)} (cpu ${fmtMs(t.cpu)})`);
  }
}
const [base, now] = times.map((t) => ({ wall: median(t.wall), cpu: median(t.cpu) })) as [{ wall: number; cpu: number }, { wall: number; cpu: number }];
console.log(`\nupgrade of ${N.toLocaleString('en')} candidates, Dexie on fake-indexeddb, median of ${ROUNDS}:`);
console.log(`| step 10 (auto-migration) | ${fmtMs(base.wall)} (cpu ${fmtMs(base.cpu)}) |`);
console.log(`| step ${MIGRATION_BATCH_SIZE} (the app) | ${fmtMs(now.wall)} (cpu ${fmtMs(now.cpu)}) |`);
console.log(`| ratio | ${(base.wall / now.wall).toFixed(2)}× wall, ${(base.cpu / now.cpu).toFixed(2)}× cpu |`);
log(`done; ${machine()}`);
