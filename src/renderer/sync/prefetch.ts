import type { ChangesPage } from './kind-fetch';

type GetPage = (url: string) => Promise<ChangesPage>;

/** Two `_changes` URLs ask the same question when their parameters are equal, in any order. */
export function sameQuery(a: string, b: string): boolean {
  const ua = new URL(a);
  const ub = new URL(b);
  if (ua.origin + ua.pathname !== ub.origin + ub.pathname) return false;
  const norm = (u: URL) => [...u.searchParams.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
  return norm(ua) === norm(ub);
}

/**
 * Reads `_changes` pages and, after a full page, already asks for the next one. RxDB pulls one
 * page, writes it into the collection, then asks for the next: the server sat idle while the
 * client worked and the other way round (a profile of an initial sync: the client waited on the
 * server about half of the time). With one page read ahead both work at once. An answer read
 * ahead is as valid as one read a moment later: the feed only grows, and the next page starts
 * from its last_seq. Only full pages trigger it, so a caught-up replication makes no extra request.
 */
export function prefetchingPages(get: GetPage): GetPage {
  let ahead: { url: string; page: Promise<ChangesPage> } | null = null;
  return async (url: string) => {
    let page: ChangesPage;
    if (ahead && sameQuery(ahead.url, url)) {
      const p = ahead.page;
      ahead = null;
      page = await p.catch(() => get(url)); // a failed read-ahead: ask again now
    } else {
      ahead = null;
      page = await get(url);
    }
    const u = new URL(url);
    const limit = Number(u.searchParams.get('limit') ?? '0') || 0;
    const feed = u.searchParams.get('feed') ?? 'normal';
    // A long-poll read ahead would hold a connection open: only plain reads go ahead.
    if (feed === 'normal' && limit > 0 && page.results.length >= limit) {
      u.searchParams.set('since', typeof page.last_seq === 'string' ? page.last_seq : JSON.stringify(page.last_seq));
      const next = { url: u.toString(), page: get(u.toString()) };
      next.page.catch(() => {
        // A failed read-ahead is forgotten; the real request asks again.
        if (ahead === next) ahead = null;
      });
      ahead = next;
    }
    return page;
  };
}
