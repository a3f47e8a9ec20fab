/**
 * RxDB keeps a pull checkpoint only from batches that brought documents: a pull that finds none
 * of its kind leaves the checkpoint where it was. A replication whose kind is rare in a region
 * (none at all, or none since long ago) therefore asked `_changes` from that old place on every
 * resync — every kind × region, each time the laptop came back online — and the server filtered
 * the whole region again for nothing. In Chromium, an end-of-day sync of a region of 20,000
 * candidates spent its first 7 s on those scans, which took the browser's 6 connections to the
 * server while the day's edits waited behind them (npm run bench:sync-browser, b's time line).
 *
 * This remembers, per replication, where an empty answer to `since=X` ended, and asks from there
 * when RxDB asks from X again. Sound because the feed only grows: a change always gets a sequence
 * after every earlier one, so no document of the kind can later appear between X and the end of
 * an answer that had none. Kept in memory only (per session): a server database restored from a
 * backup starts its sequences anew, and a remembered end past its new end would skip changes.
 */
export class EmptyRanges {
  /** RxDB's stuck `since` and the end of the last empty answer asked for it. */
  private range: { from: string; to: string } | null = null;

  /** The `since` to ask the server for when RxDB asks for `since`. */
  since(since: string): string {
    return this.range && this.range.from === since ? this.range.to : since;
  }

  /**
   * After an answer to RxDB's `since` (read from `asked`): an answer with no documents of the kind
   * moves the remembered end forward; one with documents lets RxDB's own checkpoint move on.
   */
  answered(since: string, asked: string, documents: number, lastSeq: string): void {
    if (documents > 0) {
      this.range = null;
      return;
    }
    if (lastSeq === asked && this.range?.from === since) return;
    this.range = { from: since, to: lastSeq };
  }
}
