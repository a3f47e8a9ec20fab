import type { ChangesPage } from './kind-fetch';

/**
 * Pages of `_changes` RxDB gets as one pull batch while a replication is catching up (initial
 * sync, a laptop back after weeks). RxDB stores each batch with one bulk write and one
 * checkpoint, and its cost per batch is large (npm run bench:sync, 100,000 candidates: batches of
 * 5,000 instead of 1,000 made the initial sync 1.45× faster). 5 pages of 1,000 candidates are
 * about 7.5 MB of JSON in memory at once; an interrupted sync resumes from the last stored batch,
 * so it repeats at most that many documents.
 *
 * The batch is asked as one request of 5 pages' documents (catchUpUrl). Asked page by page (as
 * until the tenth round, readCatchingUp with `inPages`), the client asks for the next page only
 * when it gets to the last one's answer, which it does not while RxDB stores a batch (hundreds of
 * ms in one go): the server sat idle meanwhile, then the client waited for the pages (a quarter
 * of its time idle in a profile of the initial sync of 100,000). With one request the server
 * works on the next batch (read ahead, prefetch.ts) the whole time RxDB stores this one.
 */
export const CATCH_UP_PAGES = 5;

/** Catch-up batches read ahead (prefetch.ts): one, as many documents as the 5 pages before. */
export const CATCH_UP_READ_AHEAD = 1;

/** `url` asking for `pages` times its `limit` (unchanged without a positive limit). */
export function catchUpUrl(url: string, pages = CATCH_UP_PAGES): string {
  const u = new URL(url);
  const limit = Number(u.searchParams.get('limit') ?? '0') || 0;
  if (limit <= 0 || pages <= 1) return url;
  u.searchParams.set('limit', String(limit * pages));
  return u.toString();
}

const seqParam = (seq: unknown) => (typeof seq === 'string' ? seq : JSON.stringify(seq));

/**
 * One catch-up batch: `pages` pages' documents from where RxDB asked (`url`, with `limit`), in
 * one request (catchUpUrl). RxDB accepts more documents than it asked for (it only stops at a
 * batch shorter than its limit), so the paging contract is kept; a caught-up replication gets
 * the same short answer as with one page.
 *
 * `inPages` (as before the tenth round; bench:sync compares): reads the page RxDB asked for and,
 * while pages come back full and the server says more is pending, the following pages too, up to
 * `pages` pages, and hands them on as one page ending at the last one's `last_seq`. A caught-up
 * replication (short page or nothing pending) reads exactly one page. A batch is not held back
 * for a tail shorter than a page: when less than a full page is pending after a full one, the
 * full pages go to RxDB now and the tail comes with RxDB's next request (in an end-of-day sync in
 * Chromium the day's 2,000 changes otherwise waited for a one-document third page that took the
 * server 2.5 s to answer while it took the push). One request has no tail to wait for.
 */
export async function readCatchingUp(read: (url: string) => Promise<ChangesPage>, url: string, pages = CATCH_UP_PAGES, inPages = false): Promise<ChangesPage> {
  if (!inPages) return read(catchUpUrl(url, pages));
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
