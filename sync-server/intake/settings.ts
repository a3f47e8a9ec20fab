import { CONFIG_DB, type Regions } from '../regions/regions';
import type { Store, StoreDb } from '../store/types';

/** An origin as browsers send it: scheme, host and port only. */
export function normalizeOrigin(raw: string): string | null {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) return null;
    return u.origin;
  } catch {
    return null;
  }
}

export const MAX_ORIGINS = 20;

export interface IntakeSettings {
  /** Website origins allowed to submit to this region from a browser. */
  origins: string[];
}

const docId = (region: string) => `intake:${region}`;

/**
 * Per-region intake settings, kept beside the region records in the server's internal config
 * database; cached in memory because every public submission consults them.
 */
export class IntakeSettingsStore {
  private cache = new Map<string, { name: string; settings: IntakeSettings }>();
  private loaded: Promise<void> | null = null;
  private loadedAt = 0;
  /** Called when a region's origins are set to a non-empty list (the intake prepares its journal). */
  onOrigins: ((region: string) => void) | undefined;

  private constructor(
    private readonly db: StoreDb,
    private readonly regions: Regions,
  ) {}

  static async open(store: Store, regions: Regions): Promise<IntakeSettingsStore> {
    const db = await store.open(CONFIG_DB);
    if (!db) throw new Error('config database missing');
    return new IntakeSettingsStore(db, regions);
  }

  private async load(): Promise<void> {
    const regions = await this.regions.list();
    const res = (await this.db.allDocs({ include_docs: true, startkey: 'intake:', endkey: 'intake:\ufff0' })) as {
      rows: { id: string; doc: { origins?: unknown } }[];
    };
    const byRegion = new Map(res.rows.map((r) => [r.id.slice('intake:'.length), r.doc]));
    const next = new Map<string, { name: string; settings: IntakeSettings }>();
    for (const r of regions) {
      const origins = byRegion.get(r.code)?.origins;
      next.set(r.code, { name: r.name, settings: { origins: Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : [] } });
    }
    this.cache = next;
  }

  /** The region's name and settings, or null for a region the server does not know. */
  async get(region: string): Promise<{ name: string; settings: IntakeSettings } | null> {
    const hit = this.cache.get(region);
    if (hit) return hit;
    // A region added since the last load (admin CLI): reload, one at a time and at most every
    // few seconds, so requests for unknown regions cannot keep the config database busy.
    if (!this.loaded && Date.now() - this.loadedAt < 3000) return null;
    this.loaded ??= this.load().finally(() => {
      this.loaded = null;
      this.loadedAt = Date.now();
    });
    await this.loaded;
    return this.cache.get(region) ?? null;
  }

  async set(region: string, settings: IntakeSettings): Promise<void> {
    const id = docId(region);
    let rev: string | undefined;
    try {
      rev = ((await this.db.get(id)) as { _rev: string })._rev;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
    const [res] = await this.db.bulkDocs([{ _id: id, ...(rev ? { _rev: rev } : {}), origins: settings.origins }], true);
    if (!res || !('ok' in res)) throw new Error(`could not save intake settings of ${region}`);
    const current = await this.get(region);
    if (current) this.cache.set(region, { name: current.name, settings: { origins: [...settings.origins] } });
    if (settings.origins.length > 0) this.onOrigins?.(region);
  }

  /** Regions with at least one website origin: those expecting submissions from their website. */
  async regionsWithOrigins(): Promise<string[]> {
    await this.load();
    return [...this.cache].filter(([, v]) => v.settings.origins.length > 0).map(([code]) => code);
  }
}
