import { describe, expect, it } from 'vitest';
import { stampFields } from '../../src/shared';
import type { Json } from '../store/types';
import { useThreeRegions } from './three-regions';
import { ids, noteDoc } from './fixtures';
import { commonAncestor, mergeConflicts, mergeRevisions } from './server-merge';

/**
 * Two regions edit the same shared document before either saw the other's edit: the fan-out
 * copies both revisions everywhere, and merges the conflicting leaves on the server by field
 * clocks (server-merge.ts), so every region database ends with one winner holding both edits and
 * the same revision tree.
 */
const ctx = useThreeRegions();
const { db, edit, create, restart } = ctx;

/** Every leaf of c1 in a database, with its deletion flag: the revision tree's ends. */
async function leaves(region: string, id = 'c1'): Promise<string[]> {
  const res = await db[region]!.changes({ since: 0, allLeaves: true });
  const row = (res.results as unknown as { id: string; changes: { rev: string }[] }[]).find((r) => r.id === id);
  return (row?.changes.map((c) => c.rev) ?? []).sort();
}
const winner = async (region: string, id = 'c1') => (await db[region]!.get(id, { conflicts: true } as never)) as Json;

/** c1 linked to `regions` and copied everywhere, then the fan-out stopped: the regions' edits now diverge. */
async function sharedThenApart(regions: string[]): Promise<void> {
  await create(regions);
  await ctx.fan.idle();
  await ctx.fan.stop();
}

/** Every region's copy of `id` has the same winning revision and the same leaves. */
async function expectOneTree(regions: string[], id = 'c1'): Promise<void> {
  const [first, ...rest] = regions;
  for (const r of rest) {
    expect((await winner(r, id))._rev, r).toBe((await winner(first!, id))._rev);
    expect(await leaves(r, id), r).toEqual(await leaves(first!, id));
  }
}

describe('server merge of the conflicts the fan-out makes', () => {
  it('different fields edited in two regions: both winners hold both edits, no conflicts, the same tree', async () => {
    await sharedThenApart(['rijnmond', 'twente']);
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
    await expectOneTree(['twente', 'rijnmond']);
    // Run again (a crash after the merge, a restart): nothing changes.
    const seq = (await db.twente!.changes({ since: 0 })).last_seq;
    await ctx.fan.stop();
    await restart();
    expect((await db.twente!.changes({ since: 0 })).last_seq).toEqual(seq);
    expect((await winner('twente'))._rev).toBe(t._rev);
  });

  it('the same field edited on both sides: the later field clock wins, in both databases', async () => {
    await sharedThenApart(['rijnmond', 'twente']);
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
    await expectOneTree(['twente', 'rijnmond']);
  });

  it('the same field: the later clock wins also when the other side\'s longer branch is CouchDB\'s winner', async () => {
    await sharedThenApart(['rijnmond', 'twente']);
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
    await db.twente!.bulkDocs([stampFields(undefined, note, () => ctx.clocks.twente!.tick())], true);
    await ctx.fan.idle();
    await ctx.fan.stop();
    const id = String(note._id);
    await edit('twente', id, { text: 'eerste, aangevuld' });
    await edit('utrecht', id, { kind: 'telefoon' });
    await restart();
    for (const r of ['twente', 'utrecht', 'rijnmond']) {
      const d = await winner(r, id);
      expect([d.text, d.kind, d._conflicts ?? []], r).toEqual(['eerste, aangevuld', 'telefoon', []]);
    }
    await expectOneTree(['twente', 'utrecht', 'rijnmond'], id);
  });

  it('links stay the owner\'s: an unlink and a stale edit merge into the unlink, with the edit kept', async () => {
    await sharedThenApart(['rijnmond', 'twente', 'utrecht']);
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

describe('server merge against the common ancestor', () => {
  const regions = ['rijnmond', 'twente', 'utrecht'];
  /** c1 linked to all three with sectors po and vo, copied everywhere, then the fan-out stopped. */
  async function forked(): Promise<void> {
    await create(regions);
    await edit('twente', 'c1', { sectors: ['po', 'vo'] });
    await ctx.fan.idle();
    for (const r of regions) expect(((await winner(r)).sectors as string[]).sort(), r).toEqual(['po', 'vo']);
    await ctx.fan.stop();
    // twente removes a sector while rijnmond, before it saw that, edits another field.
    await edit('twente', 'c1', { sectors: ['vo'] });
    await edit('rijnmond', 'c1', { phone: '0612345678' });
  }

  it('a sector removed in one region while another edits another field: removed everywhere, the edit kept, one tree', async () => {
    await forked();
    await restart();
    for (const r of regions) {
      const d = await winner(r);
      expect([d.sectors, d.phone, d._conflicts ?? []], r).toEqual([['vo'], '0612345678', []]);
    }
    await expectOneTree(['twente', 'rijnmond', 'utrecht']);
  });

  it('a region that holds only the leaves takes the ancestor from another region\'s database: the same merge as theirs', async () => {
    await forked();
    // utrecht gets the two leaves but not the ancestor's body (compacted there alone, as a region linked after the fork).
    const tw = (await db.twente!.get('c1', { revs: true } as never)) as Json;
    const rj = (await db.rijnmond!.get('c1', { revs: true } as never)) as Json;
    for (const r of regions) await db[r]!.bulkDocs([tw, rj], false);
    await db.utrecht!.compact!();
    const all = async () => regions.map((r) => db[r]!);
    // utrecht merges first, while the others still hold the ancestor unmerged.
    for (const r of ['utrecht', 'twente', 'rijnmond']) expect(await mergeConflicts(db[r]!, ['c1'], all), r).toEqual(['c1']);
    const revs = new Set<string>();
    for (const r of regions) {
      const d = await winner(r);
      expect([d.sectors, d.phone, d._conflicts ?? []], r).toEqual([['vo'], '0612345678', []]);
      revs.add(String(d._rev));
    }
    expect(revs.size).toBe(1);
  });

  it('without the ancestor\'s body (compacted everywhere) it merges as before: the sector comes back, alike everywhere', async () => {
    await forked();
    // Copy the two leaves everywhere without merging, then compact: only the leaves keep bodies.
    const tw = (await db.twente!.get('c1', { revs: true } as never)) as Json;
    const rj = (await db.rijnmond!.get('c1', { revs: true } as never)) as Json;
    for (const r of regions) {
      await db[r]!.bulkDocs([tw, rj], false);
      await db[r]!.compact!();
    }
    await restart();
    const revs = new Set<string>();
    for (const r of regions) {
      const d = await winner(r);
      expect([(d.sectors as string[]).sort(), d.phone, d._conflicts ?? []], r).toEqual([['po', 'vo'], '0612345678', []]);
      revs.add(String(d._rev));
    }
    expect(revs.size).toBe(1);
  });
});

describe('mergeRevisions and commonAncestor (pure)', () => {
  const leaf = (rev: string, ids: string[], sectors: string[]): Json => ({ _id: 'c1', _rev: rev, _revisions: { start: Number(rev.split('-')[0]), ids }, sectors });
  const a = leaf('3-aa', ['aa', 'b2', 'b1'], ['vo']);
  const b = leaf('4-bb', ['bb', 'c3', 'b2', 'b1'], ['po', 'vo']);

  it('the ancestor is the latest revision in both histories; none when the histories do not meet', () => {
    expect(commonAncestor([a, b])).toBe('2-b2');
    expect(commonAncestor([a, leaf('3-cc', ['cc', 'x2'], [])])).toBeUndefined();
    expect(commonAncestor([a, { ...b, _deleted: true }])).toBeUndefined();
  });

  it('a merge with a base never shares its revision id with one without (their bodies differ)', () => {
    const base = { _id: 'c1', _rev: '2-b2', sectors: ['po', 'vo'] };
    const [withBase] = mergeRevisions([a, b], base)!;
    const [without] = mergeRevisions([a, b])!;
    expect([withBase!.sectors, without!.sectors]).toEqual([['vo'], ['po', 'vo']]);
    expect(withBase!._rev).not.toBe(without!._rev);
    // A deleted ancestor is no base.
    expect(mergeRevisions([a, b], { ...base, _deleted: true })![0]!._rev).toBe(without!._rev);
  });
});
