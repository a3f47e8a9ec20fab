import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Hlc, stampFields } from '../../src/shared';
import { EmbeddedStore } from '../store/embedded';
import type { Json, Store, StoreDb } from '../store/types';
import { FanOut } from './fanout';
import { candidateDoc, ids, noteDoc } from './fixtures';
import { serverEdit } from './stamp';

/**
 * Links are the owner region's to edit. A candidate edit written in another linked region whose
 * copy still has the links from before the owner's latest change (its laptop had not synced, or
 * the fan-out had not reached it yet) must not be fanned out by that stale list: not into a region
 * the owner just unlinked, and its absence of a region the owner just linked must not unlink it.
 * Both edits were made before either reached the other region, so every database ends up with
 * both as conflicting leaves; the documents carry field clocks, as every laptop writes them.
 */
let dir: string;
let store: EmbeddedStore;
let fan: FanOut;
const db: Record<string, StoreDb> = {};

beforeEach(async () => {
  clocks = {};
  dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-stale-'));
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

const restart = async () => {
  fan = new FanOut(store, { onError: (e) => console.error(e) });
  await fan.start();
  await fan.idle();
};
/** A laptop's edit: the changed fields stamped with the region's clock. */
let clocks: Record<string, Hlc> = {};
async function edit(region: string, id: string, patch: Json): Promise<void> {
  const hlc = (clocks[region] ??= new Hlc(region));
  const cur = (await db[region]!.get(id)) as Json;
  const [r] = await db[region]!.bulkDocs([stampFields(cur, { ...cur, ...patch }, () => hlc.tick())], true);
  expect(r).toHaveProperty('ok', true);
}
/**
 * What laptops pull and the app shows is CouchDB's winner: it shows the owner's links in every
 * region that holds the candidate, also when a stale edit's branch won (the owner's region wrote
 * them onto it).
 */
async function shows(holders: string[], regions: string[], owner = 'twente'): Promise<void> {
  for (const r of holders) {
    const d = (await db[r]!.get('c1')) as Json;
    expect([d.regions, d.ownerRegion], r).toEqual([regions, owner]);
  }
}
async function create(regions: string[]): Promise<void> {
  const hlc = (clocks.twente ??= new Hlc('twente'));
  await db.twente!.bulkDocs([stampFields(undefined, candidateDoc('c1', regions, 'twente'), () => hlc.tick())], true);
}

describe('fan-out of a candidate edited from a stale copy of its links', () => {
  for (const edits of [1, 2, 3]) {
    it(`an edit (${edits} revision${edits > 1 ? 's' : ''}) from a copy that still lists a region the owner just unlinked stays out of it`, async () => {
      await create(['rijnmond', 'twente', 'utrecht']);
      await fan.idle();
      expect(await ids(db.utrecht!)).toEqual(['c1']);
      await fan.stop();
      // Offline: the owner unlinks utrecht; rijnmond, not yet told, edits the candidate.
      await edit('twente', 'c1', { regions: ['rijnmond', 'twente'] });
      for (let i = 0; i < edits; i++) await edit('rijnmond', 'c1', { place: `Rotterdam ${i}` });
      await restart();
      expect(await ids(db.utrecht!)).toEqual([]);
      const changes = JSON.stringify(await db.utrecht!.changes({ since: 0, includeDocs: true, allLeaves: true }));
      expect(changes).not.toContain('Zoë');
      expect(changes).not.toContain('Rotterdam');
      expect(await ids(db.rijnmond!)).toEqual(['c1']);
      await shows(['rijnmond', 'twente'], ['rijnmond', 'twente']);
    });

    it(`an edit (${edits} revision${edits > 1 ? 's' : ''}) from a copy that does not yet list a region the owner just linked does not unlink it`, async () => {
      await create(['rijnmond', 'twente']);
      await fan.idle();
      expect(await ids(db.utrecht!)).toEqual([]);
      await fan.stop();
      await edit('twente', 'c1', { regions: ['rijnmond', 'twente', 'utrecht'] });
      for (let i = 0; i < edits; i++) await edit('rijnmond', 'c1', { place: `Rotterdam ${i}` });
      await restart();
      expect(await ids(db.utrecht!)).toEqual(['c1']);
      expect(await ids(db.rijnmond!)).toEqual(['c1']);
      await shows(['rijnmond', 'twente', 'utrecht'], ['rijnmond', 'twente', 'utrecht']);
    });
  }

  it('after a transfer the new owner\'s links count: a stale edit of the old owner does not keep a region it unlinked', async () => {
    await create(['rijnmond', 'twente']);
    const ref = {
      _id: 'c1:r:1', type: 'referral', candidateId: 'c1', kind: 'transfer', fromRegion: 'twente', toRegion: 'utrecht',
      reason: 'Verhuist', summary: { name: 'Zoë Test c1' }, status: 'open',
      createdAt: '2026-03-01T10:00:00.000Z', createdBy: 'anna', updatedAt: '2026-03-01T10:00:00.000Z',
    };
    await db.twente!.bulkDocs([ref], true);
    await fan.idle();
    await edit('utrecht', 'c1:r:1', { status: 'accepted', decidedAt: '2026-03-02T10:00:00.000Z', decidedBy: 'bram' });
    await fan.idle();
    expect(((await db.twente!.get('c1')) as Json).ownerRegion).toBe('utrecht');
    expect(await ids(db.rijnmond!)).toContain('c1');
    await fan.stop();
    // The new owner unlinks rijnmond; twente, the old owner, edits its copy twice meanwhile.
    await edit('utrecht', 'c1', { regions: ['twente', 'utrecht'] });
    for (let i = 0; i < 2; i++) await edit('twente', 'c1', { place: `Enschede ${i}` });
    await restart();
    expect(await ids(db.rijnmond!)).not.toContain('c1');
    expect(JSON.stringify(await db.rijnmond!.changes({ since: 0, includeDocs: true, allLeaves: true }))).not.toContain('Enschede');
    expect(await ids(db.twente!)).toContain('c1');
  });

  it('a transfer applied in the old owner\'s database while another region edits its copy keeps the new owner linked', async () => {
    await create(['rijnmond', 'twente']);
    await fan.idle();
    await fan.stop();
    // What the fan-out's applyReferral writes when utrecht accepts a transfer (server clocks);
    // rijnmond, not yet told, edits its copy twice: its longer branch wins CouchDB's pick.
    const cur = (await db.twente!.get('c1')) as Json;
    await db.twente!.bulkDocs([serverEdit(cur, { ...cur, regions: ['rijnmond', 'twente', 'utrecht'], ownerRegion: 'utrecht' })], true);
    for (let i = 0; i < 2; i++) await edit('rijnmond', 'c1', { place: `Rotterdam ${i}` });
    await restart();
    for (const r of ['twente', 'utrecht', 'rijnmond']) expect(await ids(db[r]!), r).toEqual(['c1']);
    await shows(['rijnmond', 'twente', 'utrecht'], ['rijnmond', 'twente', 'utrecht'], 'utrecht');
  });

  it('a shared note whose candidate was linked and unlinked again before the fan-out read it does not stay behind', async () => {
    // The race the property test found on LevelDB about once in 40 runs, made certain: the fan-out
    // reads the note's batch, then the candidate's links as they are at that moment (linked to
    // utrecht), and the owner unlinks utrecht right after that read. The candidate's next change in
    // the feed is the unlink, so the linked revision itself never reached utrecht.
    await fan.stop();
    await create(['twente']);
    await db.twente!.bulkDocs([noteDoc('c1', 'n1', 'twente', 'shared', 'private note n1')], true);
    await edit('twente', 'c1', { regions: ['twente', 'utrecht'] });
    let fired = false;
    const twente = new Proxy(db.twente!, {
      get(target, p) {
        if (p === 'allDocs') {
          return async (opts: Parameters<StoreDb['allDocs']>[0]) => {
            const res = await target.allDocs(opts);
            if (!fired && opts.keys?.includes('c1') && opts.include_docs) {
              fired = true;
              await edit('twente', 'c1', { regions: ['twente'] });
            }
            return res;
          };
        }
        const v = Reflect.get(target, p) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const seen: Store = new Proxy(store, {
      get(target, p) {
        if (p === 'open') return async (name: string) => (name === 'region-twente' ? twente : target.open(name));
        const v = Reflect.get(target, p) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    fan = new FanOut(seen, { batchSize: 1, onError: (e) => console.error(e) });
    await fan.start();
    await fan.idle();
    expect(fired).toBe(true);
    expect(await ids(db.utrecht!)).toEqual([]);
    expect(JSON.stringify(await db.utrecht!.changes({ since: 0, includeDocs: true, allLeaves: true }))).not.toContain('private note');
  });
});
