import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { Hlc, stampFields } from '../../src/shared';
import { EmbeddedStore } from '../store/embedded';
import type { Json, StoreDb } from '../store/types';
import { FanOut } from './fanout';
import { candidateDoc } from './fixtures';

/**
 * Test set-up shared by the fan-out's conflict tests (stale-links, server-merge): twente, utrecht
 * and rijnmond on a fresh embedded store with the fan-out running, and laptops' edits stamped with
 * field clocks. Registers its own beforeEach/afterEach; `fan` and `store` are new for every test.
 */
export interface ThreeRegions {
  store: EmbeddedStore;
  fan: FanOut;
  readonly db: Record<string, StoreDb>;
  clocks: Record<string, Hlc>;
  /** A laptop's edit: the changed fields stamped with the region's clock. */
  edit(region: string, id: string, patch: Json): Promise<void>;
  /** The fan-out stopped and started again on the same store, then idle. */
  restart(): Promise<void>;
  /** Every holder's winner (what laptops pull and show) has these links. */
  shows(holders: string[], regions: string[], owner?: string): Promise<void>;
  /** Candidate c1, owned by twente, linked to `regions`. */
  create(regions: string[]): Promise<void>;
}

export function useThreeRegions(): ThreeRegions {
  let dir = '';
  const t: ThreeRegions = {
    store: undefined as unknown as EmbeddedStore,
    fan: undefined as unknown as FanOut,
    db: {},
    clocks: {},
    async edit(region, id, patch) {
      const hlc = (t.clocks[region] ??= new Hlc(region));
      const cur = (await t.db[region]!.get(id)) as Json;
      const [r] = await t.db[region]!.bulkDocs([stampFields(cur, { ...cur, ...patch }, () => hlc.tick())], true);
      expect(r).toHaveProperty('ok', true);
    },
    async restart() {
      t.fan = new FanOut(t.store, { onError: (e) => console.error(e) });
      await t.fan.start();
      await t.fan.idle();
    },
    async shows(holders, regions, owner = 'twente') {
      for (const r of holders) {
        const d = (await t.db[r]!.get('c1')) as Json;
        expect([d.regions, d.ownerRegion], r).toEqual([regions, owner]);
      }
    },
    async create(regions) {
      const hlc = (t.clocks.twente ??= new Hlc('twente'));
      await t.db.twente!.bulkDocs([stampFields(undefined, candidateDoc('c1', regions, 'twente'), () => hlc.tick())], true);
    },
  };
  beforeEach(async () => {
    t.clocks = {};
    dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-three-'));
    t.store = new EmbeddedStore(dir);
    for (const r of ['twente', 'utrecht', 'rijnmond']) {
      await t.store.create(`region-${r}`);
      t.db[r] = (await t.store.open(`region-${r}`))!;
    }
    t.fan = new FanOut(t.store, { onError: (e) => console.error(e) });
    await t.fan.start();
  });
  afterEach(async () => {
    await t.fan.stop();
    await t.store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return t;
}
