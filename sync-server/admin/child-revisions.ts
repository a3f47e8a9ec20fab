import type { Json, StoreDb } from '../store/types';

const PAGE = 500;
type Row = Awaited<ReturnType<StoreDb['changes']>>['results'][number];

/**
 * The admin's rewrites of stored documents (old deletions with bodies, malformed field clocks):
 * reads a database's changes a page at a time, asks `childrenOf` for the child revisions to write
 * for a page's rows (each with a revision id derived from its parent, so every region's copy gets
 * the same one and a second run writes none), stores them as they are (`new_edits:false`) and
 * answers how many it wrote. A refused write stops it with the database and document named.
 */
export async function writeChildRevisions(db: StoreDb, childrenOf: (rows: Row[]) => Json[] | Promise<Json[]>, opts: { allLeaves?: boolean } = {}): Promise<number> {
  let since: number | string = 0;
  let written = 0;
  for (;;) {
    const page = await db.changes({ since, limit: PAGE, includeDocs: true, ...(opts.allLeaves ? { allLeaves: true } : {}) });
    const children = await childrenOf(page.results);
    if (children.length) {
      const results = await db.bulkDocs(children, false);
      const failed = results.find((r) => 'error' in r);
      if (failed && 'error' in failed) throw new Error(`${db.name}/${failed.id}: ${failed.error} ${failed.reason}`);
      written += children.length;
    }
    if (page.results.length < PAGE || page.last_seq === since) return written;
    since = page.last_seq;
  }
}
