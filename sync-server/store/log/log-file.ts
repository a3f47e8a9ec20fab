import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The append-only file of one database: one line of JSON per write batch. A batch is answered
 * only after its line is on disk (fsync), so an acknowledged write survives kill -9 or a power
 * cut; a line cut short by a crash was never acknowledged and is dropped when the file is read.
 */
export class LogFile {
  private constructor(
    readonly file: string,
    private fh: FileHandle,
    private size: number,
  ) {}

  /**
   * Opens (creating) the file and hands every complete line to `onLine`. A torn tail (no newline
   * or not JSON) is cut off, so that the next append starts on a clean line.
   */
  static async open(file: string, onLine: (line: string) => void): Promise<LogFile> {
    // Read in chunks: a large database does not fit in one JavaScript string.
    let good = 0;
    if (existsSync(file)) {
      const fd = openSync(file, 'r');
      try {
        const chunk = Buffer.allocUnsafe(8 << 20);
        let carry: Buffer = Buffer.alloc(0);
        let pos = 0;
        let torn = false;
        for (;;) {
          const n = readSync(fd, chunk as unknown as Uint8Array, 0, chunk.length, pos);
          if (n === 0) break;
          pos += n;
          const buf: Buffer = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)] as unknown as Uint8Array[]) : chunk.subarray(0, n);
          let start = 0;
          for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
            if (nl > start && !torn) {
              try {
                onLine(buf.toString('utf8', start, nl));
              } catch (err) {
                // A line that is not JSON can only be the last one, torn by a crash.
                if (!(err instanceof SyntaxError)) throw err;
                torn = true;
              }
              if (!torn) good += nl - start + 1;
            } else if (!torn) good += nl - start + 1;
            start = nl + 1;
          }
          carry = Buffer.from(buf.subarray(start));
        }
      } finally {
        closeSync(fd);
      }
      const total = statSync(file).size;
      if (good < total) truncateSync(file, good);
    }
    const fh = await open(file, 'a');
    return new LogFile(file, fh, good);
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends lines (each without its newline) and waits until they are on disk. */
  async append(lines: string[]): Promise<void> {
    const data = lines.join('\n') + '\n';
    await this.fh.write(data);
    await this.fh.datasync();
    this.size += Buffer.byteLength(data);
  }

  /**
   * Replaces the whole file with `lines` (compaction, erasure): written to a temporary file,
   * synced, then renamed over the old one, so a crash leaves either the old or the new file.
   */
  async rewrite(lines: Iterable<string>): Promise<void> {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    let size = 0;
    try {
      let chunk: string[] = [];
      let chunkLen = 0;
      const flush = () => {
        if (chunk.length === 0) return;
        const data = chunk.join('\n') + '\n';
        writeSync(fd, data);
        size += Buffer.byteLength(data);
        chunk = [];
        chunkLen = 0;
      };
      for (const line of lines) {
        chunk.push(line);
        chunkLen += line.length;
        if (chunkLen > 1 << 20) flush();
      }
      flush();
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await this.fh.close();
    renameSync(tmp, this.file);
    this.fh = await open(this.file, 'a');
    this.size = size;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
