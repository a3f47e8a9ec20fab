/**
 * One server-sent-events stream (`GET /_regiodesk/db-updates`) that says which region databases
 * changed. Every live replication waits on it instead of holding its own `_changes` long-poll,
 * so all collections of all regions stay live over one connection (browsers allow six per host).
 * Read with fetch rather than EventSource so the desktop's Basic credentials go along.
 */
export class DbNotifier {
  private versions = new Map<string, number>();
  private waiters = new Set<{ db: string; since: number; wake: () => void }>();
  private abort: AbortController | null = null;
  private stopped = false;
  /** Whether the stream is open now (else replications fall back to plain long-polls). */
  connected = false;
  /** Streams opened so far (tests count reconnects). */
  opened = 0;

  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly server: string,
    private readonly dbs: string[],
    private readonly retryMs = 2000,
    /** Told when the stream opens or drops (the status shows it). */
    private readonly onConnected: (connected: boolean) => void = () => undefined,
    private readonly fallbackMs = 10_000,
  ) {}

  start(): this {
    void this.loop();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.connected = false;
    this.wakeAll();
  }

  version(db: string): number {
    return this.versions.get(db) ?? 0;
  }

  /**
   * Resolves when `db` changed after version `since`, the stream opens or drops, or `ms` pass.
   * Without the stream (offline, an older server) it waits at most `fallbackMs`: live pulls then
   * poll with short plain requests and never hold a connection open.
   */
  waitForChange(db: string, since: number, ms: number): Promise<void> {
    if (this.version(db) > since || this.stopped) return Promise.resolve();
    if (!this.connected) ms = Math.min(ms, this.fallbackMs);
    return new Promise((resolve) => {
      const w = {
        db,
        since,
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(w);
          resolve();
        },
      };
      const timer = setTimeout(w.wake, ms);
      this.waiters.add(w);
    });
  }

  private bump(db: string): void {
    this.versions.set(db, this.version(db) + 1);
    for (const w of [...this.waiters]) if (w.db === db) w.wake();
  }

  /** After a gap in the stream anything may have changed: every database counts as changed. */
  private wakeAll(): void {
    for (const db of this.dbs) this.versions.set(db, this.version(db) + 1);
    for (const w of [...this.waiters]) w.wake();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.abort = new AbortController();
      try {
        const url = `${this.server}/_regiodesk/db-updates?dbs=${this.dbs.map(encodeURIComponent).join(',')}`;
        const res = await this.fetchFn(url, { signal: this.abort.signal, headers: { accept: 'text/event-stream' } });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        this.opened += 1;
        await this.read(res.body);
      } catch {
        /* offline, refused, or aborted: fall back and retry below */
      }
      if (this.connected) {
        this.connected = false;
        this.onConnected(false);
        this.wakeAll();
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, this.retryMs));
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += dec.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        this.onEvent(buf.slice(0, i));
        buf = buf.slice(i + 2);
      }
    }
  }

  private onEvent(block: string): void {
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (event === 'ready') {
      this.connected = true;
      this.onConnected(true);
      // Whatever changed while we were not listening: let every waiting replication look.
      this.wakeAll();
    } else if (event === 'change') {
      try {
        const { dbs } = JSON.parse(data) as { dbs?: string[] };
        for (const db of dbs ?? []) this.bump(db);
      } catch {
        /* a malformed event is ignored; the next one or the timeout brings us back */
      }
    }
  }
}
