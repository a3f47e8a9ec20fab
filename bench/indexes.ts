/**
 * npm run bench:indexes — what the candidate collection's indexes cost its writes. Not a test: it
 * prints figures and ratios against the old index set (src/renderer/db/schema-history.ts)
 * measured in the same run, on the same documents, in alternating order.
 *
 * Each index set gets a fresh database per round: a bulk insert of N demo candidates in the
 * replication's pull batches (an initial sync or an import), then 2,000 of them changed (an
 * end-of-day pull: updatedAt moves, a fifth change phase). Two storages:
 *  memory  RxDB's memory storage, the Node sync benchmark's client (BENCH_N, default 20,000):
 *          a sorted array per index, an update whose key changed splices out and in (O(n));
 *  dexie   the app's storage on fake-indexeddb (BENCH_DEXIE_N, default 2,000; fake-indexeddb's
 *          own cost grows fast with n): one b-tree entry per index per document.
 * BENCH_ROUNDS (default 3) rounds; the median is printed. BENCH_STORAGES=memory,dexie to choose.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { demoCandidates } from '../sync-server/demo/candidates';
import { COLLECTIONS } from '../src/renderer/db/collections';
import { LEGACY_INDEXES, withIndexes } from '../src/renderer/db/schema-history';
import { PULL_BATCH_SIZE } from '../src/renderer/sync/replication';
import { candidateRxSchema, type Candidate } from '../src/shared';
import { fmtMs, machine, since } from './support/measure';

addRxPlugin(RxDBMigrationSchemaPlugin);

const env = process.env;
const N = Number(env.BENCH_N ?? 20_000);
const DEXIE_N = Number(env.BENCH_DEXIE_N ?? 2_000);
const UPDATES = Number(env.BENCH_UPDATES ?? 2_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const STORAGES = (env.BENCH_STORAGES ?? 'memory,dexie').split(',').map((s) => s.trim()) as ('memory' | 'dexie')[];

type Indexes = readonly (string | readonly string[])[];
const SETS: { name: string; indexes: Indexes }[] = [
  { name: 'old (v3)', indexes: LEGACY_INDEXES.candidates.indexes },
  { name: 'today', indexes: candidateRxSchema.indexes ?? [] },
  ...(env.BENCH_EXTRA_INDEXES ? [{ name: 'extra', indexes: JSON.parse(env.BENCH_EXTRA_INDEXES) as Indexes }] : []),
];

const log = (s: string) => console.log(`[bench:indexes] ${s}`);
let counter = 0;

async function openDb(storage: 'memory' | 'dexie', indexes: Indexes): Promise<{ db: RxDatabase; c: RxCollection<Candidate> }> {
  const db = await createRxDatabase({
    name: `bench-indexes-${process.pid}-${++counter}`,
    storage: (storage === 'dexie' ? getRxStorageDexie({ indexedDB, IDBKeyRange }) : getRxStorageMemory()) as RxStorage<any, any>,
    multiInstance: false,
    eventReduce: true,
  });
  // The version does not matter in a fresh database; the index set is what is measured.
  await db.addCollections({ candidates: withIndexes('candidates', COLLECTIONS.candidates.schema.version, indexes) });
  return { db, c: db.candidates as RxCollection<Candidate> };
}

/** The end-of-day pull's kind of change: a later updatedAt on every document, a new phase on every fifth. */
function changed(docs: Candidate[], round: number): Candidate[] {
  const at = new Date(Date.UTC(2026, 10, 26, 17, 0, round)).toISOString();
  return docs.map((d, i) => ({ ...d, updatedAt: at, phase: i % 5 === 0 ? (d.phase === 'geplaatst' ? 'matchen' : 'geplaatst') : d.phase }));
}

/** CPU milliseconds of this process since `start`: less moved by other people's load than the wall clock. */
const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

type Times = { insert: number; update: number; insertCpu: number; updateCpu: number };

async function once(storage: 'memory' | 'dexie', indexes: Indexes, docs: Candidate[], round: number): Promise<Times> {
  const { db, c } = await openDb(storage, indexes);
  try {
    let t = performance.now();
    let cpu = process.cpuUsage();
    for (let i = 0; i < docs.length; i += PULL_BATCH_SIZE) {
      const res = await c.bulkInsert(docs.slice(i, i + PULL_BATCH_SIZE));
      if (res.error.length) throw new Error(`insert refused: ${JSON.stringify(res.error[0]).slice(0, 300)}`);
    }
    const insert = since(t);
    const insertCpu = cpuSince(cpu);
    // Spread over the whole key range, so no index gets an easy tail append.
    const step = Math.max(1, Math.floor(docs.length / UPDATES));
    const picked = docs.filter((_, i) => i % step === 0).slice(0, UPDATES);
    t = performance.now();
    cpu = process.cpuUsage();
    for (let i = 0; i < picked.length; i += PULL_BATCH_SIZE) {
      const res = await c.bulkUpsert(changed(picked.slice(i, i + PULL_BATCH_SIZE), round));
      if (res.error.length) throw new Error(`update refused: ${JSON.stringify(res.error[0]).slice(0, 300)}`);
    }
    const update = since(t);
    const updateCpu = cpuSince(cpu);
    const count = await c.count().exec();
    if (count !== docs.length) throw new Error(`expected ${docs.length} candidates, found ${count}`);
    return { insert, update, insertCpu, updateCpu };
  } finally {
    await db.remove();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  log(machine());
  for (const s of SETS) log(`${s.name}: ${JSON.stringify(s.indexes)}`);
  for (const storage of STORAGES) {
    const n = storage === 'memory' ? N : DEXIE_N;
    const docs = demoCandidates('twente', n, ['anna']);
    const times = SETS.map(() => ({ insert: [] as number[], update: [] as number[], insertCpu: [] as number[], updateCpu: [] as number[] }));
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate the order so neither set always runs on a warmer (or more loaded) machine.
      const order = SETS.map((_, i) => i);
      if (r % 2) order.reverse();
      for (const i of order) {
        const t = await once(storage, SETS[i]!.indexes, docs, r);
        for (const k of ['insert', 'update', 'insertCpu', 'updateCpu'] as const) times[i]![k].push(t[k]);
        log(`${storage} round ${r + 1} ${SETS[i]!.name}: insert ${fmtMs(t.insert)} (cpu ${fmtMs(t.insertCpu)}), update ${fmtMs(t.update)} (cpu ${fmtMs(t.updateCpu)})`);
      }
    }
    const m = times.map((t) => ({ insert: median(t.insert), update: median(t.update), insertCpu: median(t.insertCpu), updateCpu: median(t.updateCpu) }));
    const x = (old: number, now: number) => `${(old / now).toFixed(2)}×`;
    console.log(`\n${storage}: ${n.toLocaleString('en')} candidates inserted, ${Math.min(UPDATES, n).toLocaleString('en')} changed; median of ${ROUNDS}; speed-up = old / this (>1: faster)`);
    console.log('| index set | insert wall | speed-up | insert cpu | speed-up | update wall | speed-up | update cpu | speed-up |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    SETS.forEach((s, i) => {
      const a = m[i]!;
      const o = m[0]!;
      console.log(`| ${s.name} | ${fmtMs(a.insert)} | ${x(o.insert, a.insert)} | ${fmtMs(a.insertCpu)} | ${x(o.insertCpu, a.insertCpu)} | ${fmtMs(a.update)} | ${x(o.update, a.update)} | ${fmtMs(a.updateCpu)} | ${x(o.updateCpu, a.updateCpu)} |`);
    });
  }
  log(`done; ${machine()}`);
}

await main();
