import type { ChangesPage } from './kind-fetch';

/**
 * Pages of `_changes` RxDB gets as one pull batch while a replication is catching up (initial
 * sync, a laptop back after weeks). RxDB stores each batch with one bulk write and one
 * checkpoint, and its cost per batch is large (npm run bench:sync, 100,000 candidates: batches of
 * 5,000 instead of 1,000 made the initial sync 1.45× faster), while the server is still asked in
 * pages of PULL_BATCH_SIZE, so progress moves per page and each request stays small. 5 pages of
 * 1,000 candidates are about 7.5 MB of JSON in memory at once; an interrupted sync resumes from
 * the last stored batch, so it repeats at most that many documents.
 */
export const CATCH_UP_PAGES = 5;

const seqParam = (seq: unknown) => (typeof seq === 'string' ? seq : JSON.stringify(seq));

/**
 * Reads the page RxDB asked for (`url`, with `limit`) and, while pages come back full and the
 * server says more is pending, the following pages too, up to `pages` pages, and hands them on as
 * one page ending at the last one's `last_seq`. RxDB accepts more documents than it asked for
 * (it only stops at a batch shorter than its limit), so the paging contract is kept. A caught-up
 * replication (short page or nothing pending) reads exactly one page, as before.
 *
 * A batch is not held back for a tail shorter than a page: when less than a full page is pending
 * after a full one, the full pages go to RxDB now and the tail comes with RxDB's next request
 * (read ahead meanwhile, prefetch.ts). In an end-of-day sync in Chromium the day's 2,000 changes
 * otherwise waited for a one-document third page (our own first push coming back) that took the
 * server 2.5 s to answer while it took the push (npm run bench:sync-browser, b's time line).
 */
export async function readCatchingUp(read: (url: string) => Promise<ChangesPage>, url: string, pages = CATCH_UP_PAGES): Promise<ChangesPage> {
  const u = new URL(url);
  const limit = Number(u.searchParams.get('limit') ?? '0') || 0;
  let page = await read(u.toString());
  if (limit <= 0) return page;
  const results = [...page.results];
  for (let n = 1; n < pages && page.results.length >= limit && (page.pending ?? 0) >= limit; n++) {
    u.searchParams.set('since', seqParam(page.last_seq));
    page = await read(u.toString());
    results.push(...page.results);
  }
  return { results, last_seq: page.last_seq, ...(page.pending !== undefined ? { pending: page.pending } : {}) };
}
