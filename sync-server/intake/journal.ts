import { mkdir, open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Json } from '../store/types';

/**
 * Write-ahead journal of website submissions: a batch is appended and fsync'ed before it goes to
 * the store, and cleared once the store has it. The store (LevelDB) does not fsync each write, so
 * without this a power cut right after our 201 could lose a submission the person was told we had.
 * After a crash, `replay` hands back what may not have reached the store; writing it again is
 * harmless (same ids: the store answers `conflict` for what it already has).
 */
export class IntakeJournal {
  /** Kept open: opening and closing per batch cost more than the fsync itself. */
  private fh: FileHandle | null = null;

  constructor(private readonly file: string) {}

  private async handle(): Promise<FileHandle> {
    if (!this.fh) {
      await mkdir(dirname(this.file), { recursive: true });
      this.fh = await open(this.file, 'a');
    }
    return this.fh;
  }

  async append(docs: readonly Json[]): Promise<void> {
    const fh = await this.handle();
    await fh.appendFile(docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    await fh.datasync();
  }

  /** The store has everything journaled so far (appends go on at the end: the file is opened for appending). */
  async clear(): Promise<void> {
    if (this.fh) {
      await this.fh.truncate(0);
      return;
    }
    await truncate(this.file, 0).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = null;
  }

  /** Documents journaled and perhaps not stored; a torn last line (crash mid-append) was never answered and is skipped. */
  async pending(): Promise<Json[]> {
    const text = await readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
    const out: Json[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as Json);
      } catch {
        /* torn write */
      }
    }
    return out;
  }
}
