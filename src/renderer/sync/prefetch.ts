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

/** The URL of the page after `page`, or null when `page` was the feed's last (short) page. */
function nextUrl(url: string, page: ChangesPage): string | null {
  const u = new URL(url);
  const limit = Number(u.searchParams.get('limit') ?? '0') || 0;
  const feed = u.searchParams.get('feed') ?? 'normal';
  // A long-poll read ahead would hold a connection open: only plain reads go ahead.
  if (feed !== 'normal' || limit <= 0 || page.results.length < limit) return null;
  u.searchParams.set('since', typeof page.last_seq === 'string' ? page.last_seq : JSON.stringify(page.last_seq));
  return u.toString();
}

interface Ahead {
  url: string;
  page: Promise<ChangesPage>;
}

/**
 * Reads `_changes` pages and, after a full page, already asks for the following ones, up to
 * `depth` pages ahead of the caller. RxDB pulls one batch, writes it into the collection, then
 * asks for the next: without reading ahead the server sat idle while the client worked and the
 * other way round. With one page ahead the client still waited for the rest of each catch-up
 * batch (catch-up.ts hands RxDB 5 pages at once: 14 % of an initial sync of 100,000 was the
 * client waiting, npm run bench:sync); `depth` = the batch's pages lets the server produce the
 * whole next batch while RxDB stores this one. The pages ahead are asked one after the other
 * (each starts where the last ended), so a replication never holds more than one request open.
 * An answer read ahead is as valid as one read a moment later: the feed only grows. Only full
 * pages lead on, so a caught-up replication makes no extra request.
 */
export function prefetchingPages(get: GetPage, depth = 1): GetPage {
  let ahead: Ahead[] = [];
  /** The last page of the chain, not followed yet because `depth` pages were waiting. */
  let stalled: { url: string; page: ChangesPage } | null = null;
  /** Bumped whenever the chain is dropped: answers for an older chain are ignored. */
  let generation = 0;

  /** Asks for the page after `page` (read at `url`) when it was full and there is room ahead. */
  const extendFrom = (url: string, page: ChangesPage, gen: number): void => {
    if (gen !== generation) return;
    const next = nextUrl(url, page);
    if (!next) return;
    if (ahead.length >= depth) {
      stalled = { url, page };
      return;
    }
    const entry: Ahead = { url: next, page: get(next) };
    ahead.push(entry);
    entry.page.then(
      (p) => extendFrom(next, p, gen),
      // A failed read-ahead is forgotten; the real request asks again.
      () => {
        if (gen === generation) ahead = ahead.filter((a) => a !== entry);
      },
    );
  };

  const fresh = async (url: string): Promise<ChangesPage> => {
    generation++;
    ahead = [];
    stalled = null;
    const page = await get(url);
    extendFrom(url, page, generation);
    return page;
  };

  return async (url: string) => {
    const first = ahead[0];
    if (!first || !sameQuery(first.url, url)) return fresh(url);
    ahead.shift();
    let page: ChangesPage;
    try {
      page = await first.page;
    } catch {
      return fresh(url); // the read-ahead failed: ask again now, and read ahead from there
    }
    if (stalled && ahead.length < depth) {
      const s = stalled;
      stalled = null;
      extendFrom(s.url, s.page, generation);
    }
    return page;
  };
}
