import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hlc, stampFields } from '../../src/shared';
import { startCouchCompatible, type CouchCompatible } from '../store/couch-compatible';
import { CouchStore } from '../store/couchdb';
import type { Json, StoreDb } from '../store/types';
import { candidateDoc } from './fixtures';
import { mergeConflicts } from './server-merge';

/**
 * The server merge's common ancestor through the CouchDB backend (CouchStore over an independent
 * CouchDB-compatible server): `_bulk_get` of the ancestor revision gives its body, so a sector
 * removed in one region stays removed after the merge, in both databases alike.
 */
describe('server merge against the common ancestor, CouchDB backend', () => {
  let couch: CouchCompatible;
  let store: CouchStore;
  const db: Record<string, StoreDb> = {};
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const clocks: Record<string, Hlc> = {};

  beforeAll(async () => {
    couch = await startCouchCompatible();
    store = new CouchStore(couch.url);
    await store.prepare();
    for (const r of ['twente', 'rijnmond']) {
      await store.create(`region-${r}-${tag}`);
      db[r] = (await store.open(`region-${r}-${tag}`))!;
    }
  });
  afterAll(async () => {
    await store.close();
    await couch.close();
  });

  const edit = async (region: string, patch: Json) => {
    const hlc = (clocks[region] ??= new Hlc(region));
    const cur = (await db[region]!.get('c1')) as Json;
    const [r] = await db[region]!.bulkDocs([stampFields(cur, { ...cur, ...patch }, () => hlc.tick())], true);
    expect(r).toHaveProperty('ok', true);
  };
  /** Copies the current winner of c1 with its history (as the fan-out does). */
  const copy = async (from: string, to: string) => {
    const d = (await db[from]!.get('c1', { revs: true })) as Json;
    await db[to]!.bulkDocs([d], false);
  };

  it('a sector removed in twente while rijnmond edits the phone: removed in both, the phone kept, the same revision', async () => {
    clocks.twente = new Hlc('twente');
    await db.twente!.bulkDocs([stampFields(undefined, { ...candidateDoc('c1', ['rijnmond', 'twente'], 'twente'), sectors: ['po', 'vo'] }, () => clocks.twente!.tick())], true);
    await copy('twente', 'rijnmond');
    await edit('twente', { sectors: ['vo'] });
    await edit('rijnmond', { phone: '0612345678' });
    // Both leaves into both databases (read before either is written: each database's winner is then its own edit).
    const leaves = [(await db.twente!.get('c1', { revs: true })) as Json, (await db.rijnmond!.get('c1', { revs: true })) as Json];
    for (const r of ['twente', 'rijnmond']) await db[r]!.bulkDocs(leaves, false);
    const revs = new Set<string>();
    for (const r of ['twente', 'rijnmond']) {
      expect(await mergeConflicts(db[r]!, ['c1']), r).toEqual(['c1']);
      const d = (await db[r]!.get('c1', { conflicts: true })) as Json;
      expect([d.sectors, d.phone, d._conflicts ?? []], r).toEqual([['vo'], '0612345678', []]);
      revs.add(String(d._rev));
    }
    expect(revs.size).toBe(1);
  });
});
