/**
 * npm run bench:link-check — what the link check (sync-server/couch/link-check.ts) costs on the
 * write path (embedded store, in-process): notes pushed by a linked, non-owner region in batches
 * of 100 (each batch about 20 candidates, so the check reads the target and the owner database)
 * through `writeDocs` with the check, against the same writes through `writeDocs` without it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeDocs } from '../sync-server/couch/bulk';
import { candidateDoc, noteDoc } from '../sync-server/fanout/fixtures';
import { EmbeddedStore } from '../sync-server/store/embedded';
import type { Json, Store, StoreDb } from '../sync-server/store/types';

const BATCHES = Number(process.env.BENCH_LINK_BATCHES ?? 40);
const BATCH = 100;
const CANDIDATES = 400;

async function run(db: StoreDb, tag: string, store?: Store): Promise<number> {
  const start = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    const docs: Json[] = [];
    for (let i = 0; i < BATCH; i++) docs.push(noteDoc(`c${(b * 20 + (i % 20)) % CANDIDATES}`, `${tag}${b}x${i}`, 'utrecht', 'shared'));
    const res = await writeDocs(db, docs, true, store);
    if (res.some((r) => 'error' in r)) throw new Error(`refused: ${JSON.stringify(res.find((r) => 'error' in r))}`);
  }
  return performance.now() - start;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-link-'));
  const store = new EmbeddedStore(dir);
  try {
    for (const r of ['twente', 'utrecht']) await store.create(`region-${r}`);
    const twente = (await store.open('region-twente'))!;
    const utrecht = (await store.open('region-utrecht'))!;
    const cands = Array.from({ length: CANDIDATES }, (_, i) => candidateDoc(`c${i}`, ['twente', 'utrecht'], 'twente'));
    await twente.bulkDocs(cands, true);
    await utrecht.bulkDocs(cands, true);
    await run(utrecht, 'warm', store);
    // Alternate to spread the shared machine's noise over both.
    let plain = 0;
    let checked = 0;
    for (let round = 0; round < 3; round++) {
      plain += await run(utrecht, `p${round}-`);
      checked += await run(utrecht, `c${round}-`, store);
    }
    const docs = 3 * BATCHES * BATCH;
    console.log(`link-check: ${docs} notes in batches of ${BATCH} by a linked region`);
    console.log(`  without check (baseline): ${(plain / docs * 1000).toFixed(1)} µs/doc`);
    console.log(`  with check:               ${(checked / docs * 1000).toFixed(1)} µs/doc`);
    console.log(`  ratio: ${(checked / plain).toFixed(2)}×`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
