import { REGION_CODE } from '../../src/shared';
import { CONFIG_DB } from '../regions/regions';
import type { Store, StoreDb } from '../store/types';

/** A named set of regions (samenwerkingsverband, e.g. a province) whose figures are combined. */
export interface Alliance {
  id: string;
  name: string;
  regions: string[];
}

export const ALLIANCE_ID = REGION_CODE;

/** Alliances live beside the regions in the server's configuration database, as `alliance:<id>`. */
export class Alliances {
  private constructor(private readonly db: StoreDb) {}

  static async open(store: Store): Promise<Alliances> {
    await store.create(CONFIG_DB);
    const db = await store.open(CONFIG_DB);
    if (!db) throw new Error('config database missing');
    return new Alliances(db);
  }

  async list(): Promise<Alliance[]> {
    const res = (await this.db.allDocs({ include_docs: true, startkey: 'alliance:', endkey: 'alliance:\ufff0' })) as {
      rows: { doc: Alliance }[];
    };
    return res.rows.map((r) => ({ id: r.doc.id, name: r.doc.name, regions: [...r.doc.regions] }));
  }

  async get(id: string): Promise<Alliance | null> {
    return (await this.list()).find((a) => a.id === id) ?? null;
  }

  private async rev(id: string): Promise<string | undefined> {
    try {
      return ((await this.db.get(`alliance:${id}`)) as { _rev: string })._rev;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      return undefined;
    }
  }

  /** Adds or replaces an alliance; true when it is new. Callers check the regions exist. */
  async put(a: Alliance): Promise<boolean> {
    const rev = await this.rev(a.id);
    const [res] = await this.db.bulkDocs([{ _id: `alliance:${a.id}`, ...(rev ? { _rev: rev } : {}), id: a.id, name: a.name, regions: a.regions }], true);
    if (!res || !('ok' in res)) throw new Error(`could not save alliance ${a.id}`);
    return rev === undefined;
  }

  /** False when there was no such alliance. */
  async remove(id: string): Promise<boolean> {
    const rev = await this.rev(id);
    if (!rev) return false;
    await this.db.bulkDocs([{ _id: `alliance:${id}`, _rev: rev, _deleted: true }], true);
    return true;
  }
}
