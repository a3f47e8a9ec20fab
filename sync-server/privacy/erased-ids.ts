import type { StoreDb } from '../store/types';

/**
 * The ids of erased people, in memory (loaded at start, grown by each erasure), so that every
 * user write can be checked without a lookup: a laptop that was offline during an erasure may
 * still push a note about her, which must not bring her back.
 */
export class ErasedIds {
  private ids = new Set<string>();

  static async load(privacyDb: StoreDb): Promise<ErasedIds> {
    const e = new ErasedIds();
    const res = (await privacyDb.allDocs({ startkey: 'erased:', endkey: 'erased:\ufff0' })) as { rows: { id: string }[] };
    for (const r of res.rows) e.ids.add(r.id.slice('erased:'.length));
    return e;
  }

  add(id: string): void {
    this.ids.add(id);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Whether a document is, or is about, an erased person (a data-free deletion is let through). */
  covers(doc: Record<string, unknown>): boolean {
    if (this.ids.size === 0 || doc._deleted === true) return false;
    const id = typeof doc._id === 'string' ? doc._id : '';
    if (this.ids.has(id)) return true;
    if (typeof doc.candidateId === 'string' && this.ids.has(doc.candidateId)) return true;
    const i = id.indexOf(':');
    return i > 0 && this.ids.has(id.slice(0, i));
  }
}
