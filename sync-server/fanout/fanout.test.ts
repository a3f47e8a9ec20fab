import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embedded';
import type { Json, StoreDb } from '../store/types';
import { FanOut } from './fanout';
import { candidateDoc, ids, noteDoc, update } from './fixtures';

let dir: string;
let store: EmbeddedStore;
let fan: FanOut;
const db: Record<string, StoreDb> = {};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-fanout-'));
  store = new EmbeddedStore(dir);
  for (const r of ['twente', 'utrecht', 'rijnmond']) {
    await store.create(`region-${r}`);
    db[r] = (await store.open(`region-${r}`))!;
  }
  fan = new FanOut(store, { onError: (e) => console.error(e) });
  await fan.start();
});
afterEach(async () => {
  await fan.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const rev = async (d: StoreDb, id: string) => ((await d.get(id)) as Json)._rev;
const seqs = async () => Promise.all(Object.values(db).map((d) => d.updateSeq()));

describe('fan-out', () => {
  it('carries the candidate and its shared notes to linked regions only, with the same revisions, never comments', async () => {
    await db.twente!.bulkDocs([candidateDoc('c1', ['twente']), noteDoc('c1', 'n1', 'twente', 'shared'), noteDoc('c1', 'k1', 'twente', 'region')], true);
    await fan.idle();
    expect(await ids(db.utrecht!)).toEqual([]);

    await update(db.twente!, 'c1', { regions: ['twente', 'utrecht'] });
    await fan.idle();
    expect(await ids(db.utrecht!)).toEqual(['c1', 'c1:n:n1']);
    expect(await rev(db.utrecht!, 'c1')).toBe(await rev(db.twente!, 'c1'));
    expect(await ids(db.rijnmond!)).toEqual([]);

    // A note written in the other region comes back; its comment does not.
    await db.utrecht!.bulkDocs([noteDoc('c1', 'n2', 'utrecht', 'shared'), noteDoc('c1', 'k2', 'utrecht', 'region')], true);
    await fan.idle();
    expect(await ids(db.twente!)).toEqual(['c1', 'c1:n:k1', 'c1:n:n1', 'c1:n:n2']);
    expect(await ids(db.utrecht!)).toEqual(['c1', 'c1:n:k2', 'c1:n:n1', 'c1:n:n2']);
    expect(await rev(db.twente!, 'c1:n:n2')).toBe(await rev(db.utrecht!, 'c1:n:n2'));

    // Quiet afterwards: nothing loops.
    const before = await seqs();
    await new Promise((r) => setTimeout(r, 100));
    await fan.idle();
    expect(await seqs()).toEqual(before);
  });

  it('merges concurrent edits into identical revision trees', async () => {
    await db.twente!.bulkDocs([candidateDoc('c1', ['twente', 'utrecht'])], true);
    await fan.idle();
    await fan.stop();
    await update(db.twente!, 'c1', { phase: 'orienteren' });
    await update(db.utrecht!, 'c1', { place: 'Utrecht' });
    fan = new FanOut(store);
    await fan.start();
    await fan.idle();
    const a = (await db.twente!.get('c1', { conflicts: true })) as Json;
    const b = (await db.utrecht!.get('c1', { conflicts: true })) as Json;
    expect(a._rev).toBe(b._rev);
    // The conflict is merged on the server (server-merge.ts): both edits kept, alike in both.
    expect([a._conflicts, b._conflicts]).toEqual([undefined, undefined]);
    expect([a.phase, a.place, b.phase, b.place]).toEqual(['orienteren', 'Utrecht', 'orienteren', 'Utrecht']);
  });

  it('unlinking purges the candidate and its shared notes from that region, keeps its comments', async () => {
    await db.twente!.bulkDocs([candidateDoc('c1', ['twente', 'utrecht']), noteDoc('c1', 'n1', 'twente', 'shared')], true);
    await db.utrecht!.bulkDocs([noteDoc('c1', 'k2', 'utrecht', 'region')], true);
    await fan.idle();
    expect(await ids(db.utrecht!)).toContain('c1:n:n1');

    await update(db.twente!, 'c1', { regions: ['twente'] });
    await fan.idle();
    expect(await ids(db.utrecht!)).toEqual(['c1:n:k2']);
    await expect(db.utrecht!.get('c1')).rejects.toMatchObject({ status: 404 });
    const changes = JSON.stringify(await db.utrecht!.changes({ since: 0, includeDocs: true, allLeaves: true }));
    expect(changes).not.toContain('Zoë');
    expect(changes).not.toContain('note n1');
    // The purge is not carried back: twente keeps everything.
    expect(await ids(db.twente!)).toEqual(['c1', 'c1:n:n1']);
    expect(((await db.twente!.get('c1')) as Json).firstName).toBe('Zoë');

    // Linking again brings the candidate and its notes back.
    await update(db.twente!, 'c1', { regions: ['twente', 'utrecht'] });
    await fan.idle();
    expect(await ids(db.utrecht!)).toEqual(['c1', 'c1:n:k2', 'c1:n:n1']);
  });

  it('resumes from its checkpoint: a restart does no work again', async () => {
    await db.twente!.bulkDocs([candidateDoc('c1', ['twente', 'rijnmond']), noteDoc('c1', 'n1', 'twente', 'shared')], true);
    await fan.idle();
    await fan.stop();
    const before = await seqs();
    fan = new FanOut(store);
    await fan.start();
    await fan.idle();
    expect(await seqs()).toEqual(before);
    expect(await ids(db.rijnmond!)).toEqual(['c1', 'c1:n:n1']);
  });

  it('an accepted referral links the candidate to the receiving region; a transfer moves ownership', async () => {
    await db.twente!.bulkDocs([candidateDoc('c1', ['twente'])], true);
    const ref = {
      _id: 'c1:r:1', type: 'referral', candidateId: 'c1', kind: 'transfer', fromRegion: 'twente', toRegion: 'utrecht',
      reason: 'Verhuist', summary: { name: 'Zoë Test c1' }, status: 'open',
      createdAt: '2026-03-01T10:00:00.000Z', createdBy: 'anna', updatedAt: '2026-03-01T10:00:00.000Z',
    };
    await db.twente!.bulkDocs([ref], true);
    await fan.idle();
    expect(await ids(db.utrecht!)).toEqual(['c1:r:1']);
    await update(db.utrecht!, 'c1:r:1', { status: 'accepted', decidedAt: '2026-03-02T10:00:00.000Z', decidedBy: 'bram', decisionNote: 'Welkom' });
    await fan.idle();
    const c = (await db.utrecht!.get('c1')) as Json;
    expect(c.regions).toEqual(['twente', 'utrecht']);
    expect(c.ownerRegion).toBe('utrecht');
    expect(await rev(db.twente!, 'c1')).toBe(c._rev);
    expect(((await db.twente!.get('c1:r:1')) as Json).status).toBe('accepted');
  });
});
