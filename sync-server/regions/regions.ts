import { regionDbName, REGION_CODE } from '../../src/shared';
import type { Store, StoreDb } from '../store/types';

/** Internal configuration database (regions, later other settings); no client route reaches it. */
export const CONFIG_DB = '_regiodesk_config';

export interface Region {
  code: string;
  name: string;
}

/** The regions the server knows; adding one creates its database `region-<code>`. */
export class Regions {
  private constructor(
    private readonly db: StoreDb,
    private readonly store: Store,
  ) {}

  static async open(store: Store): Promise<Regions> {
    await store.create(CONFIG_DB);
    const db = await store.open(CONFIG_DB);
    if (!db) throw new Error('config database missing');
    return new Regions(db, store);
  }

  async list(): Promise<Region[]> {
    const res = (await this.db.allDocs({ include_docs: true, startkey: 'region:', endkey: 'region:\ufff0' })) as {
      rows: { doc: Region }[];
    };
    return res.rows.map((r) => ({ code: r.doc.code, name: r.doc.name }));
  }

  /** Adds (or renames) a region and creates its database. */
  async addRegion(region: Region): Promise<void> {
    if (!REGION_CODE.test(region.code)) throw new Error(`invalid region code: ${region.code}`);
    const name = region.name.trim();
    if (!name) throw new Error('a region needs a name');
    const id = `region:${region.code}`;
    let rev: string | undefined;
    try {
      rev = ((await this.db.get(id)) as { _rev: string })._rev;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
    const [res] = await this.db.bulkDocs([{ _id: id, ...(rev ? { _rev: rev } : {}), code: region.code, name }], true);
    if (!res || !('ok' in res)) throw new Error(`could not save region ${region.code}`);
    await this.store.create(regionDbName(region.code));
  }
}
