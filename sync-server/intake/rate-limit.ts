/**
 * A fixed-window counter per key (the client's IP): cheap at thousands of requests a second,
 * bounded in memory (old windows are dropped as a whole).
 */
export class RateLimit {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns 0 when allowed, else the seconds until the next window. */
  take(key: string): number {
    const t = this.now();
    const w = Math.floor(t / this.windowMs);
    if (w !== this.window) {
      this.window = w;
      this.counts.clear();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= this.limit) return 0;
    return Math.max(1, Math.ceil(((w + 1) * this.windowMs - t) / 1000));
  }
}
