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
// eslint-disable-next-line prefer-const
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

/** Every leaf of c1 in a database, with its deletion flag: the revision tree's ends. */
async function leaves(region: string, id = 'c1'): Promise<string[]> {
  const res = await db[region]!.changes({ since: 0, allLeaves: true });
  const row = (res.results as unknown as { id: string; changes: { rev: string }[] }[]).find((r) => r.id === id);
  return (row?.changes.map((c) => c.rev) ?? []).sort();
}
const winner = async (region: string, id = 'c1') => (await db[region]!.get(id, { conflicts: true } as never)) as Json;

describe('server merge of the conflicts the fan-out makes', () => {
  it('different fields edited in two regions: both winners hold both edits, no conflicts, the same tree', async () => {
    await create(['rijnmond', 'twente']);
    await fan.idle();
    await fan.stop();
    await edit('twente', 'c1', { phone: '0612345678' });
    await edit('rijnmond', 'c1', { place: 'Rotterdam' });
    await edit('rijnmond', 'c1', { notesSummary: 'x' });
    await restart();
    const t = await winner('twente');
    const r = await winner('rijnmond');
    for (const d of [t, r]) {
      expect(d.phone).toBe('0612345678');
      expect(d.place).toBe('Rotterdam');
      expect(d._conflicts ?? []).toEqual([]);
    }
    expect(t._rev).toBe(r._rev);
    expect(await leaves('twente')).toEqual(await leaves('rijnmond'));
    // Run again (a crash after the merge, a restart): nothing changes.
    const seq = (await db.twente!.changes({ since: 0 })).last_seq;
    await fan.stop();
    await restart();
    expect((await db.twente!.changes({ since: 0 })).last_seq).toEqual(seq);
    expect((await winner('twente'))._rev).toBe(t._rev);
  });

  it('the same field edited on both sides: the later field clock wins, in both databases', async () => {
    await create(['rijnmond', 'twente']);
    await fan.idle();
    await fan.stop();
    // rijnmond edits first, twente later (its clock is ahead): twente's value wins, whoever CouchDB picks.
    await edit('rijnmond', 'c1', { place: 'Rotterdam' });
    await new Promise((r) => setTimeout(r, 5));
    await edit('twente', 'c1', { place: 'Enschede' });
    await restart();
    for (const r of ['twente', 'rijnmond']) {
      const d = await winner(r);
      expect(d.place, r).toBe('Enschede');
      expect(d._conflicts ?? [], r).toEqual([]);
    }
    expect((await winner('twente'))._rev).toBe((await winner('rijnmond'))._rev);
    expect(await leaves('twente')).toEqual(await leaves('rijnmond'));
  });

  it('the same field: the later clock wins also when the other side\'s longer branch is CouchDB\'s winner', async () => {
    await create(['rijnmond', 'twente']);
    await fan.idle();
    await fan.stop();
    await edit('twente', 'c1', { place: 'Enschede' });
    await edit('twente', 'c1', { phone: '0612345678' });
    await edit('twente', 'c1', { email: 'zoe@example.nl' });
    await new Promise((r) => setTimeout(r, 5));
    await edit('rijnmond', 'c1', { place: 'Rotterdam' });
    await restart();
    for (const r of ['twente', 'rijnmond']) {
      const d = await winner(r);
      expect([d.place, d.phone, d.email, d._conflicts ?? []], r).toEqual(['Rotterdam', '0612345678', 'zoe@example.nl', []]);
    }
    expect((await winner('twente'))._rev).toBe((await winner('rijnmond'))._rev);
  });

  it('three regions, a shared note edited in two of them: merged alike everywhere', async () => {
    await create(['rijnmond', 'twente', 'utrecht']);
    const note = noteDoc('c1', 'n1', 'twente', 'shared', 'eerste');
    await db.twente!.bulkDocs([stampFields(undefined, note, () => clocks.twente!.tick())], true);
    await fan.idle();
    await fan.stop();
    const id = String(note._id);
    await edit('twente', id, { text: 'eerste, aangevuld' });
    await edit('utrecht', id, { kind: 'telefoon' });
    await restart();
    const revs = new Set<string>();
    for (const r of ['twente', 'utrecht', 'rijnmond']) {
      const d = await winner(r, id);
      expect([d.text, d.kind, d._conflicts ?? []], r).toEqual(['eerste, aangevuld', 'telefoon', []]);
      revs.add(String(d._rev));
    }
    expect(revs.size).toBe(1);
    expect(await leaves('utrecht', id)).toEqual(await leaves('twente', id));
    expect(await leaves('rijnmond', id)).toEqual(await leaves('twente', id));
  });

  it('links stay the owner\'s: an unlink and a stale edit merge into the unlink, with the edit kept', async () => {
    await create(['rijnmond', 'twente', 'utrecht']);
    await fan.idle();
    await fan.stop();
    await edit('twente', 'c1', { regions: ['rijnmond', 'twente'] });
    await edit('rijnmond', 'c1', { place: 'Rotterdam' });
    await edit('rijnmond', 'c1', { place: 'Rotterdam-Zuid' });
    await restart();
    expect(await ids(db.utrecht!)).toEqual([]);
    for (const r of ['twente', 'rijnmond']) {
      const d = await winner(r);
      expect([d.regions, d.place, d._conflicts ?? []], r).toEqual([['rijnmond', 'twente'], 'Rotterdam-Zuid', []]);
    }
    expect((await winner('twente'))._rev).toBe((await winner('rijnmond'))._rev);
  });
});
