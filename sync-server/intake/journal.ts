import { mkdir, open, readFile, truncate } from 'node:fs/promises';
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
  constructor(private readonly file: string) {}

  async append(docs: readonly Json[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const fh = await open(this.file, 'a');
    try {
      await fh.appendFile(docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }

  /** The store has everything journaled so far. */
  async clear(): Promise<void> {
    await truncate(this.file, 0).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
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
