/**
 * npm run bench:privacy — what privacy costs on the server (embedded store, in-process):
 * 1. user writes through the audited store (one audit entry per bulk write) against the same
 *    writes straight into the store;
 * 2. erasing one person (full scan of every region database, purge, LevelDB compaction) against
 *    one plain `_changes` scan with documents of the same databases (the least a search must do).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { candidateDoc, noteDoc } from '../sync-server/fanout/fixtures';
import { asActor } from '../sync-server/privacy/actor';
import { AuditLog } from '../sync-server/privacy/audit';
import { auditedStore } from '../sync-server/privacy/audited-store';
import { ErasedIds } from '../sync-server/privacy/erased-ids';
import { eraseCandidate } from '../sync-server/privacy/erase';
import { openPrivacyDb } from '../sync-server/privacy/privacy-db';
import { EmbeddedStore } from '../sync-server/store/embedded';

const BATCHES = Number(process.env.BENCH_PRIVACY_BATCHES ?? 20);
const BATCH = 500;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-privacy-'));
  const store = new EmbeddedStore(dir);
  try {
    const privacyDb = await openPrivacyDb(store);
    const audit = new AuditLog(store);
    const audited = auditedStore(store, audit, await ErasedIds.load(privacyDb));
    await store.create('region-plain');
    await store.create('region-audited');
    const plain = (await store.open('region-plain'))!;
    const logged = (await audited.open('region-audited'))!;

    const docs = (prefix: string, b: number) => Array.from({ length: BATCH }, (_, i) => candidateDoc(`${prefix}${b}-${i}`, [prefix === 'p' ? 'plain' : 'audited']));
    // Warm-up (JIT, LevelDB) in a database of its own, so that neither side pays for it.
    await store.create('region-warmup');
    const warm = (await store.open('region-warmup'))!;
    for (let b = 0; b < 3; b++) await warm.bulkDocs(docs('w', b), true);
    let t = performance.now();
    for (let b = 0; b < BATCHES; b++) await plain.bulkDocs(docs('p', b), true);
    const plainMs = performance.now() - t;
    t = performance.now();
    for (let b = 0; b < BATCHES; b++) await asActor('bench', () => logged.bulkDocs(docs('a', b), true));
    const auditedMs = performance.now() - t;
    const n = BATCHES * BATCH;
    console.log(`writes: ${n} documents in batches of ${BATCH}`);
    console.log(`  plain store     ${plainMs.toFixed(0)} ms (${((n / plainMs) * 1000).toFixed(0)} docs/s)`);
    console.log(`  audited store   ${auditedMs.toFixed(0)} ms (${((n / auditedMs) * 1000).toFixed(0)} docs/s)`);
    console.log(`  ratio audited/plain: ${(auditedMs / plainMs).toFixed(2)}`);

    // One person with notes in both region databases.
    await plain.bulkDocs([candidateDoc('bench-person', ['plain']), noteDoc('bench-person', 'n1', 'plain', 'shared'), noteDoc('bench-person', 'n2', 'plain', 'region')], true);
    await logged.bulkDocs([candidateDoc('bench-person', ['audited']), noteDoc('bench-person', 'n1', 'audited', 'shared')], true);
    t = performance.now();
    for (const db of [plain, logged]) {
      let since: number | string = 0;
      for (;;) {
        const res = await db.changes({ since, limit: 1000, includeDocs: true });
        if (res.results.length === 0) break;
        since = res.last_seq;
      }
    }
    const scanMs = performance.now() - t;
    t = performance.now();
    const result = await eraseCandidate({ store, audit, privacyDb }, 'bench-person', 'bench');
    const eraseMs = performance.now() - t;
    console.log(`erasure of one person in 2 region databases of ${n + 3} documents in all (purged ${JSON.stringify(result.purged)})`);
    console.log(`  baseline _changes scan  ${scanMs.toFixed(0)} ms`);
    console.log(`  erasure                 ${eraseMs.toFixed(0)} ms`);
    console.log(`  ratio erasure/scan: ${(eraseMs / scanMs).toFixed(2)}`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
