/**
 * npm run bench:private-views — what the private saved view rule (sync-server/couch/private-views.ts)
 * costs (embedded store, in-process, no HTTP):
 * - reads: a colleague's full pull of one kind (the app's kind selector, include_docs, pages of
 *   1,000) from a region of 10,000 candidates and 200 views, through the rule's widened query and
 *   row filter, against the same pull as the store answers it without the rule;
 * - writes: the rule's check of a batch of 200 candidates (no read: not `view-` ids) and of 200
 *   saved views (one read each), against writing the same batch.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { planChanges, privateViewProblems } from '../sync-server/couch/private-views';
import { candidateDoc } from '../sync-server/fanout/fixtures';
import { EmbeddedStore } from '../sync-server/store/embedded';
import type { ChangesQuery, Json, StoreDb } from '../sync-server/store/types';

const CANDIDATES = Number(process.env.BENCH_PV_CANDIDATES ?? 10_000);
const VIEWS = 200;

function view(i: number): Json {
  const now = new Date().toISOString();
  const owner = i % 2 ? 'anna' : 'carla';
  return {
    _id: `view-${i}`, type: 'savedView', name: `Weergave ${i}`, owner, region: 'twente', shared: i % 4 === 0,
    spec: { phases: [], filter: { combinator: 'and', rules: [] }, sort: [], columns: ['name'], mode: 'table' },
    createdAt: now, updatedAt: now, updatedBy: owner,
  };
}

async function pull(db: StoreDb, type: string, withRule: boolean): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  let since: number | string = 0;
  let rows = 0;
  for (;;) {
    const q: ChangesQuery = { since, includeDocs: true, limit: 1000, selector: { $or: [{ type }, { type: { $exists: false } }] } };
    let results: Json[];
    let last: number | string;
    if (withRule) {
      const plan = planChanges(q, 'daan');
      const res = await db.changes(plan.query);
      results = plan.rows(res.results);
      last = res.last_seq;
      if (res.results.length < 1000) since = -1;
    } else {
      const res = await db.changes(q);
      results = res.results;
      last = res.last_seq;
      if (res.results.length < 1000) since = -1;
    }
    rows += results.length;
    if (since === -1) break;
    since = last;
  }
  return { ms: performance.now() - start, rows };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-bench-pv-'));
  const store = new EmbeddedStore(dir);
  try {
    await store.create('region-twente');
    const db = (await store.open('region-twente'))!;
    for (let i = 0; i < CANDIDATES; i += 1000) {
      await db.bulkDocs(Array.from({ length: Math.min(1000, CANDIDATES - i) }, (_, k) => candidateDoc(`pv${i + k}`, ['twente'])), true);
    }
    await db.bulkDocs(Array.from({ length: VIEWS }, (_, i) => view(i)), true);

    const ROUNDS = 5;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Each round times both, in alternating order; the ratio is taken per round (the shared
    // machine's speed drifts between rounds, less within one) and the median quoted.
    async function compare(type: string): Promise<{ base: number; rule: number; ratio: number; rows: number; baseRows: number }> {
      await pull(db, type, true); // warm up
      const b: number[] = [];
      const r: number[] = [];
      let rows = 0;
      let baseRows = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const first = round % 2 === 0;
        const x = await pull(db, type, first);
        const y = await pull(db, type, !first);
        const [withRule, without] = first ? [x, y] : [y, x];
        r.push(withRule.ms);
        b.push(without.ms);
        rows = withRule.rows;
        baseRows = without.rows;
      }
      return { base: median(b), rule: median(r), ratio: median(r.map((v, i) => v / b[i]!)), rows, baseRows };
    }
    const c = await compare('candidate');
    const v = await compare('savedView');

    const cands = Array.from({ length: 200 }, (_, i) => candidateDoc(`pvw${i}`, ['twente']));
    const views = ((await db.allDocs({ keys: Array.from({ length: VIEWS }, (_, i) => `view-${i}`), include_docs: true })) as { rows: { doc: Json }[] }).rows.map((r) => ({ ...r.doc, name: 'x' }));
    const write: number[] = [];
    const checkCands: number[] = [];
    const checkViews: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let t = performance.now();
      await privateViewProblems(db, 'anna', cands);
      checkCands.push(performance.now() - t);
      t = performance.now();
      await privateViewProblems(db, 'anna', views);
      checkViews.push(performance.now() - t);
      t = performance.now();
      await db.bulkDocs(cands.map((d) => ({ ...d, _id: `${String(d._id)}-${round}` })), true);
      write.push(performance.now() - t);
    }

    console.log(`private-views: region of ${CANDIDATES} candidates and ${VIEWS} saved views (3 in 4 private), pulled as a colleague; medians of ${ROUNDS} rounds`);
    console.log(`  candidate pull without rule (baseline): ${c.base.toFixed(0)} ms  (${c.baseRows} rows)`);
    console.log(`  candidate pull with rule:               ${c.rule.toFixed(0)} ms  (${c.rows} rows: + others' private views as deletions, dropped by the app)   ratio ${c.ratio.toFixed(2)}×`);
    console.log(`  view pull without rule (baseline):      ${v.base.toFixed(0)} ms  (${v.baseRows} rows, private ones with content)`);
    console.log(`  view pull with rule:                    ${v.rule.toFixed(0)} ms  (${v.rows} rows, others' private ones as deletions)   ratio ${v.ratio.toFixed(2)}×`);
    console.log(`  write check, 200 candidates (no read):  ${median(checkCands).toFixed(2)} ms per batch`);
    console.log(`  write check, 200 views (one read each): ${median(checkViews).toFixed(2)} ms per batch`);
    console.log(`  writing 200 candidates (baseline):      ${median(write).toFixed(2)} ms per batch   ratio check of 200 candidates / write ${(median(checkCands) / median(write)).toFixed(3)}×`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
