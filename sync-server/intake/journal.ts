import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Json } from '../store/types';
import { bytes } from '../util/bytes';

/** One journal file and the batches in it the store does not have yet. */
export interface JournalSegment {
  path: string;
  fh: FileHandle | null;
  /** Bytes of records in the file (where the next batch is written); known once the file is open. */
  size: number;
  /** Bytes of records appended or queued: `size` as it will be, for the rotation decision made before the file work. */
  reserved: number;
  /** Size of the preallocated (zero-filled) file, or 0 for a file that grows with each batch. */
  capacity: number;
  /** Batches appended (or being appended) and not yet reported stored with `done`. */
  open: number;
  /** Its file was deleted (all its batches stored). */
  gone?: boolean;
}

/**
 * Journal files are opened for synchronous data writes (O_DSYNC): a write returns once its data
 * is on disk, as write + fdatasync did, but in one trip through libuv's thread pool instead of
 * two, and without a turn of the main thread between them — that turn waited behind whatever the
 * loop was doing (parsing requests, the store write), and every submission of the batch waited
 * with it. No O_APPEND: batches are written at their offset (`size`), into a preallocated file.
 */
export const JOURNAL_OPEN_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_DSYNC;

/** A rotated segment of `<dir>/<region>.ndjson` is `<dir>/<region>.<n>.ndjson`. */
export const JOURNAL_FILE = /^([a-z][a-z0-9-]{1,39}?)(?:\.(\d+))?\.ndjson$/;

/** The region whose journal a file in the journal folder belongs to (current, rotated or spare), or undefined. */
export function journalRegion(name: string): string | undefined {
  return (JOURNAL_FILE.exec(name) ?? /^([a-z][a-z0-9-]{1,39}?)\.spare$/.exec(name))?.[1];
}

/** REGIODESK_INTAKE_JOURNAL_PREALLOC=0: journal files grow with each batch, as before (to compare in bench:intake). */
const PREALLOCATE = process.env.REGIODESK_INTAKE_JOURNAL_PREALLOC !== '0';
const ZEROS = Buffer.alloc(256 * 1024);

/**
 * Write-ahead journal of website submissions: a batch is appended and fsync'ed before it goes to
 * the store, and forgotten once the store has it. The store (LevelDB) does not fsync each write,
 * so without this a power cut right after our 201 could lose a submission the person was told we
 * had. After a crash, `pending` hands back what may not have reached the store; the writer's
 * replay writes only what the store never had (writer.ts, recover).
 *
 * Batches overlap (the next one is fsync'ed while the store writes the previous one), so the file
 * cannot simply be emptied after each store write. It is emptied when none of its batches is
 * still open; under steady load, when it is full, it is renamed to a numbered segment (deleted
 * once its last batch is stored) and a new file is started. All file operations run one after
 * the other (one chain), so an emptying never overtakes an append.
 *
 * Preallocation (why the files are zero-filled ahead): an O_DSYNC write that makes a file longer
 * (new size, new blocks) must wait for the file system's journal commit (ext4: jbd2), which holds
 * whatever else the machine changed meanwhile — the store's own fdatasync of its growing log file,
 * other files' data in ordered mode. Writing into blocks that are already allocated and written
 * (zeros, not fallocate's unwritten extents, whose conversion is again a metadata change) needs
 * no commit: the data and a cache flush only. So each segment is a file of `spareBytes` zeros,
 * prepared in the background as a spare (`<region>.spare`), renamed into place when the current
 * file is full, and emptied by writing zeros back over its records. Readers stop at the first
 * zero byte (JSON lines never hold one). Until the first spare is ready the journal writes a file
 * that grows, as before.
 */
export class IntakeJournal {
  private current: JournalSegment;
  private chain: Promise<unknown> = Promise.resolve();
  private rotations = 0;
  private readonly spare: string;
  private spareState: 'none' | 'preparing' | 'ready' = 'none';
  private preparing: Promise<void> = Promise.resolve();
  private closed = false;
  /** When the latest append's write started and ended (performance.now()), for the trace (trace.ts). */
  lastWrite = { start: 0, end: 0 };

  /**
   * `rotateBytes`: a growing file is rotated past it; `spareBytes`: size of a preallocated file
   * (1 MB: ~1,500 submissions, a new one every 1.5 s at 1,000/s; prepared in 256 KB writes).
   */
  constructor(
    private readonly file: string,
    private readonly rotateBytes = 4 * 1024 * 1024,
    private readonly preallocate = PREALLOCATE,
    private readonly spareBytes = 1024 * 1024,
  ) {
    this.current = segment(file);
    this.spare = file.replace(/\.ndjson$/, '.spare');
  }

  /** Runs `fn` after every file operation queued before it. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  /**
   * Prepares the spare file in the background (the server calls it for a region that takes
   * submissions: handler.ts, prepare). Resolves when it is ready or failed (then the journal
   * keeps writing growing files).
   */
  prepare(): Promise<void> {
    if (!this.preallocate || this.closed || this.spareState !== 'none') return this.preparing;
    this.spareState = 'preparing';
    this.preparing = zeroFile(this.spare, this.spareBytes).then(
      () => void (this.spareState = 'ready'),
      () => void (this.spareState = 'none'),
    );
    return this.preparing;
  }

  /**
   * Appends and fsyncs a batch; resolves with the segment that holds it, to be handed to `done`
   * once the store has the batch. On failure the batch is not open (it was never answered).
   */
  append(docs: readonly Json[]): Promise<JournalSegment> {
    const buf = bytes(Buffer.from(docs.map((d) => JSON.stringify(d)).join('\n') + '\n'));
    if (this.mustRotate(buf.length)) this.rotate();
    const seg = this.current;
    seg.open++; // counted at once, so a `done` of an earlier batch will not empty the file under it
    seg.reserved += buf.length;
    return this.serial(async () => {
      try {
        const fh = await this.handle(seg);
        this.lastWrite.start = performance.now();
        // O_DSYNC: durable when write returns. A regular file takes it in one write; loop anyway for a short one.
        for (let off = 0; off < buf.length; ) off += (await fh.write(buf, off, buf.length - off, seg.size + off)).bytesWritten;
        this.lastWrite.end = performance.now();
        seg.size += buf.length;
        return seg;
      } catch (err) {
        seg.open--;
        throw err;
      }
    });
  }

  /** Whether a batch of `n` bytes goes to a new file: the current one is full, or a preallocated spare can replace a growing one. */
  private mustRotate(n: number): boolean {
    const cur = this.current;
    if (this.spareState === 'ready' && cur.capacity === 0) return true;
    if (cur.reserved === 0) return false;
    return cur.capacity > 0 ? cur.reserved + n > cur.capacity : cur.open > 0 && cur.reserved > this.rotateBytes;
  }

  /** The store has a batch appended into `seg`: the segment is emptied (or deleted) when it holds no other open batch. */
  done(seg: JournalSegment): Promise<void> {
    seg.open--;
    if (seg.open > 0) return Promise.resolve();
    return this.serial(async () => {
      if (seg.open > 0 || seg.gone) return; // an append came in meanwhile
      if (seg === this.current) {
        if (seg.size === 0) return;
        if (seg.capacity > 0) {
          // Zeros back over the records: the file is as prepared again (and the personal data is overwritten, not only unlinked).
          for (let off = 0; off < seg.size; ) off += (await seg.fh!.write(bytes(ZEROS), 0, Math.min(ZEROS.length, seg.size - off), off)).bytesWritten;
        } else await seg.fh?.truncate(0);
        seg.reserved -= seg.size; // what appends reserved meanwhile stays counted
        seg.size = 0;
      } else {
        await seg.fh?.close();
        seg.fh = null;
        seg.gone = true;
        await unlink(seg.path).catch(ignoreMissing);
      }
    });
  }

  /** Starts a new current file (the spare when ready); the old one lives on under a numbered name until its batches are stored. */
  private rotate(): void {
    const old = this.current;
    const to = this.file.replace(/\.ndjson$/, `.${Date.now()}${String(this.rotations++).padStart(4, '0')}.ndjson`);
    const next = segment(this.file);
    const fromSpare = this.spareState === 'ready';
    if (fromSpare) {
      this.spareState = 'preparing'; // taken: no new spare is written under its name before the rename below
      next.capacity = this.spareBytes;
    }
    this.current = next;
    void this.serial(async () => {
      try {
        if (!old.gone) {
          if (old.open > 0 || (!old.fh && (await sizeOf(this.file)) > 0)) {
            // Batches not yet stored (or, never opened here, whatever the file holds): kept under a
            // numbered name until stored (the open handle follows the renamed file) or replayed.
            await rename(this.file, to);
            old.path = to;
          } else {
            // All of it stored already: nothing to keep.
            await old.fh?.close();
            old.fh = null;
            old.gone = true;
            await unlink(this.file).catch(ignoreMissing);
          }
        }
        // No directory fsync here: until the renames are on disk a crash leaves the records under
        // the spare's name, which `pending` reads as well.
        if (fromSpare) await rename(this.spare, this.file);
      } finally {
        if (fromSpare) {
          this.spareState = 'none';
          void this.prepare();
        }
      }
    });
  }

  private async handle(seg: JournalSegment): Promise<FileHandle> {
    if (!seg.fh) {
      await mkdir(dirname(seg.path), { recursive: true });
      seg.fh = await open(seg.path, JOURNAL_OPEN_FLAGS, 0o600);
      if (seg.capacity > 0) return seg.fh; // a fresh spare: zeros only
      const size = (await seg.fh.stat()).size;
      // A file written before (a journal object made anew on it): records end at the first zero byte.
      seg.size = size > 0 ? recordsLength(await readFile(seg.path)) : 0;
      seg.reserved = Math.max(seg.reserved, seg.size);
      await syncDir(dirname(seg.path)); // the file's name must survive a power cut as well as its content
    }
    return seg.fh;
  }

  /** The journal's files: rotated segments (oldest first), the spare (which holds records when a crash came before its rename was on disk), then the current file. */
  private async files(): Promise<string[]> {
    const dir = dirname(this.file);
    const region = JOURNAL_FILE.exec(basename(this.file))?.[1];
    const names = await readdir(dir).catch(() => [] as string[]);
    const rotated = names
      .map((n) => ({ n, m: JOURNAL_FILE.exec(n) }))
      .filter((x) => x.m && x.m[1] === region && x.m[2] !== undefined)
      .sort((a, b) => Number(a.m![2]) - Number(b.m![2]))
      .map((x) => join(dir, x.n));
    return [...rotated, ...(names.includes(basename(this.spare)) ? [this.spare] : []), this.file];
  }

  /** After `pending` was stored (at start, before serving): forgets everything journaled (the spare too: it is prepared afresh). */
  async clear(): Promise<void> {
    await this.serial(async () => {
      for (const f of await this.files()) {
        if (f === this.file) {
          if (this.current.fh) await this.current.fh.truncate(0);
          else await truncate(f, 0).catch(ignoreMissing);
          Object.assign(this.current, { size: 0, reserved: 0, capacity: 0 });
        } else await unlink(f).catch(ignoreMissing);
      }
      if (this.spareState === 'ready') this.spareState = 'none';
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.preparing; // no spare is written into a data folder that is going away
    await this.serial(async () => {
      await this.current.fh?.close();
      this.current.fh = null;
    });
  }

  /**
   * Documents journaled and perhaps not stored. A file's records end at its first zero byte (the
   * rest of a preallocated file); a torn last line (crash mid-append) was never answered and is
   * skipped, as is any line that is not a document.
   */
  async pending(): Promise<Json[]> {
    const out: Json[] = [];
    for (const f of await this.files()) {
      const buf = await readFile(f).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? Buffer.alloc(0) : Promise.reject(e)));
      for (const line of buf.toString('utf8', 0, recordsLength(buf)).split('\n')) {
        if (!line.trim()) continue;
        try {
          const doc = JSON.parse(line) as unknown;
          if (doc && typeof doc === 'object' && !Array.isArray(doc) && typeof (doc as Json)._id === 'string') out.push(doc as Json);
        } catch {
          /* torn write */
        }
      }
    }
    return out;
  }
}

const segment = (path: string): JournalSegment => ({ path, fh: null, size: 0, reserved: 0, capacity: 0, open: 0 });

const sizeOf = (file: string): Promise<number> => stat(file).then((s) => s.size, () => -1);

const ignoreMissing = (e: NodeJS.ErrnoException): Promise<void> => (e.code === 'ENOENT' ? Promise.resolve() : Promise.reject(e));

/** Bytes before the first zero byte: where a journal file's records end. */
function recordsLength(buf: Buffer): number {
  const z = buf.indexOf(0);
  return z < 0 ? buf.length : z;
}

/** Writes `size` zero bytes to `file` (replacing it), on disk with its name before it resolves. */
async function zeroFile(file: string, size: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const fh = await open(file, 'w', 0o600);
  try {
    // In chunks: each is one trip through the thread pool, so the journal's own writes are not held behind one long one.
    for (let off = 0; off < size; ) off += (await fh.write(bytes(ZEROS), 0, Math.min(ZEROS.length, size - off), off)).bytesWritten;
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await syncDir(dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
