import type { ChangesPage } from './kind-fetch';

/**
 * The live pulls of one region database share their `_changes` reads. Every replicated kind has
 * its own replication, and when the shared change stream says the database changed, all of them
 * (12 kinds) woke at once and each asked the server the same question — `since` the end of the
 * last answer, which live pulls all share — narrowed to its own kind. In Chromium the browser
 * allows 6 connections per host, so each change of the region queued 12 reads that each made
 * the server filter the same range, and the end-of-day push waited behind them (npm run
 * bench:sync-browser, b's time line: a `_bulk_docs` of 1,000 took 5 s, most of it queued).
 *
 * Here the first kind to ask reads the page unnarrowed (every kind's documents) and the others
 * take the same answer; each replication's own client-side filter (kind-fetch.ts) keeps its kind.
 * Only the first page of a wake-up is shared (replication.ts): after a full page the kinds read on
 * narrowed, so a burst of one kind is not downloaded by every other.
 * An answer is shared only with readers that saw the same version of the change stream before
 * asking, so none of them can miss a change: one that came after the read bumps the version and
 * wakes every reader that found nothing (the same guarantee as a read of its own). Answers are
 * forgotten after `keepMs`: the readers of one wake-up ask within moments of each other.
 */
export class SharedLiveReads {
  private readonly pages = new Map<string, { at: number; page: Promise<ChangesPage> }>();

  constructor(
    private readonly get: (url: string) => Promise<ChangesPage>,
    private readonly keepMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The page at `url` without its kind narrowing, shared with readers that saw stream version `version`. */
  read(url: string, version: number): Promise<ChangesPage> {
    const u = new URL(url);
    u.searchParams.delete('filter');
    u.searchParams.delete('selector');
    u.searchParams.sort();
    const key = `${version}|${u.toString()}`;
    const t = this.now();
    for (const [k, e] of this.pages) if (e.at < t - this.keepMs) this.pages.delete(k);
    const hit = this.pages.get(key);
    if (hit) return hit.page;
    const page = this.get(u.toString());
    this.pages.set(key, { at: t, page });
    // A failed read is not shared: the next reader asks again.
    page.catch(() => {
      if (this.pages.get(key)?.page === page) this.pages.delete(key);
    });
    return page;
  }

  /** Pages held now (tests). */
  get size(): number {
    return this.pages.size;
  }
}
