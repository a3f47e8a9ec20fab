import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Json } from '../store/types';
import { bytes } from '../util/bytes';

/** One journal file and the batches in it the store does not have yet. */
export interface JournalSegment {
  path: string;
  fh: FileHandle | null;
  size: number;
  /** Batches appended (or being appended) and not yet reported stored with `done`. */
  open: number;
}

/**
 * Journal files are opened for synchronous data writes (O_DSYNC): a write returns once its data
 * (and the file size) is on disk, as write + fdatasync did, but in one trip through libuv's pool
 * of 4 threads instead of two, and without a turn of the main thread between them — that turn
 * waited behind whatever the loop was doing (parsing requests, the store write), and every
 * submission of the batch waited with it.
 */
export const JOURNAL_OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC;

/** A rotated segment of `<dir>/<region>.ndjson` is `<dir>/<region>.<n>.ndjson`. */
export const JOURNAL_FILE = /^([a-z][a-z0-9-]{1,39}?)(?:\.(\d+))?\.ndjson$/;

/**
 * Write-ahead journal of website submissions: a batch is appended and fsync'ed before it goes to
 * the store, and forgotten once the store has it. The store (LevelDB) does not fsync each write,
 * so without this a power cut right after our 201 could lose a submission the person was told we
 * had. After a crash, `pending` hands back what may not have reached the store; writing it again
 * is harmless (same ids: the store answers `conflict` for what it already has).
 *
 * Batches overlap (the next one is fsync'ed while the store writes the previous one), so the file
 * cannot simply be emptied after each store write. It is emptied when none of its batches is
 * still open; under steady load, when it passes `rotateBytes`, it is renamed to a numbered
 * segment (deleted once its last batch is stored) and a new file is started. All file operations
 * run one after the other (one chain), so an emptying never overtakes an append.
 */
export class IntakeJournal {
  private current: JournalSegment;
  private chain: Promise<unknown> = Promise.resolve();
  private rotations = 0;
  /** When the latest append's write started and ended (performance.now()), for the trace (trace.ts). */
  lastWrite = { start: 0, end: 0 };

  constructor(
    private readonly file: string,
    private readonly rotateBytes = 4 * 1024 * 1024,
  ) {
    this.current = { path: file, fh: null, size: 0, open: 0 };
  }

  /** Runs `fn` after every file operation queued before it. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  /**
   * Appends and fsyncs a batch; resolves with the segment that holds it, to be handed to `done`
   * once the store has the batch. On failure the batch is not open (it was never answered).
   */
  append(docs: readonly Json[]): Promise<JournalSegment> {
    const text = docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
    if (this.current.open > 0 && this.current.size > this.rotateBytes) this.rotate();
    const seg = this.current;
    seg.open++; // counted at once, so a `done` of an earlier batch will not empty the file under it
    return this.serial(async () => {
      try {
        const fh = await this.handle(seg);
        const buf = bytes(Buffer.from(text));
        this.lastWrite.start = performance.now();
        // O_DSYNC: durable when write returns. A regular file takes it in one write; loop anyway for a short one.
        for (let off = 0; off < buf.length; ) off += (await fh.write(buf, off, buf.length - off, null)).bytesWritten;
        this.lastWrite.end = performance.now();
        seg.size += buf.length;
        return seg;
      } catch (err) {
        seg.open--;
        throw err;
      }
    });
  }

  /** The store has a batch appended into `seg`: the segment is emptied (or deleted) when it holds no other open batch. */
  done(seg: JournalSegment): Promise<void> {
    seg.open--;
    if (seg.open > 0) return Promise.resolve();
    return this.serial(async () => {
      if (seg.open > 0) return; // an append came in meanwhile
      if (seg === this.current) {
        if (seg.size === 0) return;
        await seg.fh?.truncate(0);
        seg.size = 0;
      } else {
        await seg.fh?.close();
        seg.fh = null;
        await unlink(seg.path);
      }
    });
  }

  /** Starts a new current file; the old one lives on under a numbered name until its batches are stored. */
  private rotate(): void {
    const old = this.current;
    const to = this.file.replace(/\.ndjson$/, `.${Date.now()}${String(this.rotations++).padStart(4, '0')}.ndjson`);
    old.path = to;
    this.current = { path: this.file, fh: null, size: 0, open: 0 };
    // The open handle follows the renamed file; the new current file is created by the next append.
    void this.serial(() => rename(this.file, to));
  }

  private async handle(seg: JournalSegment): Promise<FileHandle> {
    if (!seg.fh) {
      await mkdir(dirname(seg.path), { recursive: true });
      seg.fh = await open(seg.path, JOURNAL_OPEN_FLAGS, 0o600);
      seg.size = (await seg.fh.stat()).size;
      await syncDir(dirname(seg.path)); // the file's name must survive a power cut as well as its content
    }
    return seg.fh;
  }

  /** The journal's files: rotated segments (oldest first), then the current file. */
  private async files(): Promise<string[]> {
    const dir = dirname(this.file);
    const region = JOURNAL_FILE.exec(basename(this.file))?.[1];
    const names = await readdir(dir).catch(() => [] as string[]);
    const rotated = names
      .map((n) => ({ n, m: JOURNAL_FILE.exec(n) }))
      .filter((x) => x.m && x.m[1] === region && x.m[2] !== undefined)
      .sort((a, b) => Number(a.m![2]) - Number(b.m![2]))
      .map((x) => join(dir, x.n));
    return [...rotated, this.file];
  }

  /** After `pending` was stored (at start, before serving): forgets everything journaled. */
  async clear(): Promise<void> {
    await this.serial(async () => {
      for (const f of await this.files()) {
        if (f === this.file) {
          if (this.current.fh) await this.current.fh.truncate(0);
          else await truncate(f, 0).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
          this.current.size = 0;
        } else await unlink(f);
      }
    });
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.current.fh?.close();
      this.current.fh = null;
    });
  }

  /** Documents journaled and perhaps not stored; a torn last line (crash mid-append) was never answered and is skipped. */
  async pending(): Promise<Json[]> {
    const out: Json[] = [];
    for (const f of await this.files()) {
      const text = await readFile(f, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          out.push(JSON.parse(line) as Json);
        } catch {
          /* torn write */
        }
      }
    }
    return out;
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
