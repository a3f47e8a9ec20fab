import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from './embedded';
import type { StoreDb } from './types';

let dir: string;
let store: EmbeddedStore;
let db: StoreDb;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-purge-'));
  store = new EmbeddedStore(dir);
  await store.create('region-utrecht');
  db = (await store.open('region-utrecht'))!;
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const SECRET = 'Zoë de Vries, 06-12345678';

async function history(id: string): Promise<string[]> {
  const revs: string[] = [];
  let rev: string | undefined;
  for (let i = 0; i < 3; i++) {
    const [r] = await db.bulkDocs([{ _id: id, ...(rev ? { _rev: rev } : {}), secret: `${SECRET} v${i}` }], true);
    rev = (r as { rev: string }).rev;
    revs.push(rev);
  }
  // A conflicting branch, as replication with new_edits:false can make.
  await db.bulkDocs([{ _id: id, _rev: '2-ffff', secret: `${SECRET} branch`, _revisions: { start: 2, ids: ['ffff', revs[0]!.split('-')[1]] } }], false);
  return [...revs, '2-ffff'];
}

describe('embedded _purge', () => {
  it('leaves nothing of the purged revisions readable, and tells replicas through _changes', async () => {
    const revs = await history('c1');
    await db.bulkDocs([{ _id: 'keep', other: 'stays' }], true);
    const purged = await db.purge({ c1: ['*'] });
    expect(purged.c1!.sort()).toEqual([revs[2], '2-ffff'].sort());

    await expect(db.get('c1')).rejects.toMatchObject({ status: 404 });
    for (const rev of revs) {
      const got = await db.get('c1', { rev }).catch((e: unknown) => e);
      expect(JSON.stringify(got)).not.toContain(SECRET);
    }
    const leaves = JSON.stringify(await db.get('c1', { open_revs: 'all' }));
    expect(leaves).not.toContain(SECRET);
    expect(leaves).toContain('"purged":true');
    const bulk = JSON.stringify(await db.bulkGet(revs.map((rev) => ({ id: 'c1', rev })), { revs: true }));
    expect(bulk).not.toContain(SECRET);
    const changes = await db.changes({ since: 0, includeDocs: true, allLeaves: true });
    expect(JSON.stringify(changes)).not.toContain(SECRET);
    const c1 = changes.results.find((r) => r.id === 'c1') as { deleted?: boolean };
    expect(c1.deleted).toBe(true);
    const all = (await db.allDocs({ include_docs: true })) as { rows: { id: string }[] };
    expect(all.rows.map((r) => r.id)).toEqual(['keep']);
    // A stale replica sending the old revisions again does not bring them back.
    await db.bulkDocs(
      [{ _id: 'c1', _rev: revs[2]!, secret: `${SECRET} v2`, _revisions: { start: 3, ids: revs.slice(0, 3).reverse().map((r) => r.split('-')[1]!) } }],
      false,
    );
    await expect(db.get('c1')).rejects.toMatchObject({ status: 404 });
    expect(JSON.stringify(await db.get('c1', { open_revs: 'all' }))).not.toContain(SECRET);
    expect(JSON.stringify(await db.get('c1', { rev: revs[2]! }).catch((e: unknown) => e))).not.toContain(SECRET);
    expect(await db.get('keep')).toMatchObject({ other: 'stays' });
  });

  it('is idempotent and lets a later revision (a new link) live again', async () => {
    const before = await db.updateSeq();
    expect((await db.purge({ c1: ['*'] })).c1).toEqual([]);
    expect(await db.updateSeq()).toBe(before);
    await db.bulkDocs([{ _id: 'c1', _rev: '9-abc', secret: 'new link', _revisions: { start: 9, ids: ['abc'] } }], false);
    expect(await db.get('c1')).toMatchObject({ secret: 'new link' });
  });

  it('purges one conflicting leaf only when asked', async () => {
    const revs = await history('c2');
    await db.purge({ c2: ['2-ffff'] });
    const doc = (await db.get('c2', { conflicts: true })) as { secret: string; _conflicts?: string[] };
    expect(doc.secret).toBe(`${SECRET} v2`);
    expect(doc._conflicts).toBeUndefined();
    expect(JSON.stringify(await db.get('c2', { rev: '2-ffff' }).catch((e: unknown) => e))).not.toContain('branch');
    expect(revs).toHaveLength(4);
  });
});
