import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocsByKeys, keysLookupFits, type KeysPouch } from './keys-lookup';

/**
 * The embedded store's `_all_docs` with keys must answer exactly as PouchDB's own does: live,
 * deleted (also a deleted winner over a live conflict), conflicted, missing and repeated keys.
 */
describe('allDocsByKeys', () => {
  let dir: string;
  let db: PouchDB.Database<Record<string, unknown>>;
  const keys = [...Array.from({ length: 80 }, (_, i) => `d${i}`), 'nope', 'd5', 'd79', 'd5'];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-keys-'));
    db = new PouchDB(path.join(dir, 'db'));
    const res = await db.bulkDocs(Array.from({ length: 80 }, (_, i) => ({ _id: `d${i}`, n: i })));
    const revOf = (i: number) => (res[i] as { rev: string }).rev;
    // d0–d19 deleted; d20–d39 with a second (conflicting) leaf; d40–d49 a deleted leaf of generation 2 beside the live one.
    await db.bulkDocs(Array.from({ length: 20 }, (_, i) => ({ _id: `d${i}`, _rev: revOf(i), _deleted: true })));
    await db.bulkDocs(Array.from({ length: 20 }, (_, i) => ({ _id: `d${20 + i}`, _rev: `1-ffff${i}`, n: -1 })), { new_edits: false });
    await db.bulkDocs(
      Array.from({ length: 10 }, (_, i) => ({ _id: `d${40 + i}`, _rev: `2-aaaa${i}`, _deleted: true, _revisions: { start: 2, ids: [`aaaa${i}`, revOf(40 + i).slice(2)] } })),
      { new_edits: false },
    );
  });

  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const opts of [{}, { include_docs: true }, { include_docs: true, conflicts: true }]) {
    it(`matches PouchDB for ${JSON.stringify(opts)}`, async () => {
      const expected = await db.allDocs({ keys, ...opts });
      const got = await allDocsByKeys(db as unknown as KeysPouch, { keys, ...opts }, async () => (await db.info()).doc_count);
      expect(JSON.parse(JSON.stringify(got))).toEqual(JSON.parse(JSON.stringify(expected)));
      expect((got.rows as unknown[]).length).toBe(keys.length);
    });
  }

  it('leaves ranges, paging and descending order to PouchDB', () => {
    expect(keysLookupFits({ keys: ['a'] })).toBe(true);
    expect(keysLookupFits({ keys: ['a'], limit: 1 })).toBe(false);
    expect(keysLookupFits({ keys: ['a'], skip: 1 })).toBe(false);
    expect(keysLookupFits({ keys: ['a'], descending: true })).toBe(false);
    expect(keysLookupFits({ startkey: 'a' })).toBe(false);
  });
});
