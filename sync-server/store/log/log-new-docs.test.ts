import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../embedded';
import type { Json, StoreDb } from '../types';
import { LOG_FILE, LogStore } from './log-store';

/**
 * Batches of only new documents skip PouchDB's processDocs (log-bulk-docs.ts newDocuments); what
 * they store must be what PouchDB would: the same revisions as the LevelDB engine, the same
 * records as the log engine's general path (forced here by a `_local/` document in the batch).
 */
describe('log store: new documents without processDocs', () => {
  let dir: string;
  let log: LogStore;
  let level: EmbeddedStore;
  const docs = (): Json[] => [
    { _id: 'a', type: 'candidate', name: 'Émile "E" \\ Ø', n: 1.5, tags: ['x', null, true], nested: { deep: [{}] } },
    { _id: 'b' },
    { _id: 'c', 10: 'integer-like keys sort first', z: 1 },
    { _id: '_design/x', views: {} },
    { type: 'no id first', _id: 'd' },
    { _id: 'ünï©ødé-id', value: '\u2028\u0000' },
  ];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-newdocs-'));
    log = new LogStore(path.join(dir, 'log'));
    level = new EmbeddedStore(path.join(dir, 'level'));
    for (const s of [log, level]) for (const name of ['fast', 'slow']) await s.create(name);
  });

  afterAll(async () => {
    await log.close();
    await level.close();
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (db: StoreDb, batch: Json[]) => db.bulkDocs(batch, true);

  it('gives the revisions PouchDB gives, and stores what the general path stores', async () => {
    const fast = (await log.open('fast'))!;
    const slow = (await log.open('slow'))!;
    const pouch = (await level.open('fast'))!;
    // One batch per document that qualifies alone; the slow database gets each with a _local/ companion.
    for (const d of docs()) {
      const a = await write(fast, [d]);
      const b = (await write(slow, [d, { _id: '_local/force', n: Math.random() }])).slice(0, 1);
      const c = await write(pouch, [d]);
      expect(a).toEqual(b);
      expect(a).toEqual(c);
    }
    // A whole batch, the way clients push.
    const batch = Array.from({ length: 50 }, (_, i) => ({ _id: `cand-${i}`, type: 'candidate', i, name: `N ${i}` }));
    expect(await write(fast, batch)).toEqual(await write(pouch, batch));
    const slowBatch = await write(slow, [...batch, { _id: '_local/force2' }]);
    expect(slowBatch.slice(0, 50)).toEqual(await write((await level.open('slow'))!, batch));

    for (const id of ['a', 'b', 'c', 'ünï©ødé-id', 'cand-7']) {
      expect(await fast.get(id, { revs: true })).toEqual(await slow.get(id, { revs: true }));
      expect(await fast.get(id, { revs: true })).toEqual(await pouch.get(id, { revs: true }));
    }
    const strip = (r: { results: Json[] }) => r.results.map(({ seq: _s, ...rest }) => rest);
    expect(strip(await fast.changes({ since: 0, includeDocs: true }))).toEqual(strip(await slow.changes({ since: 0, includeDocs: true })).filter((r) => !String(r.id).startsWith('_local/')));

    // Same records on disk (the slow file also holds the _local/ ones), and they replay to the same state.
    const records = async (name: string) =>
      (await readFile(path.join(dir, 'log', name, LOG_FILE), 'utf8'))
        .trim()
        .split('\n')
        .flatMap((line) => JSON.parse(line) as unknown[][])
        .filter((r) => r[0] === 'd')
        .map(([, id, , tree, rev, body]) => [id, tree, rev, body]);
    expect(await records('fast')).toEqual(await records('slow'));
  });

  it('refuses a second write of a new id in the same batch, and an existing id without _rev, as PouchDB does', async () => {
    const fast = (await log.open('fast'))!;
    const pouch = (await level.open('fast'))!;
    const batch = [{ _id: 'twice', v: 1 }, { _id: 'twice', v: 2 }, { _id: 'a', v: 3 }];
    expect(await write(fast, batch)).toEqual(await write(pouch, batch));
  });
});
