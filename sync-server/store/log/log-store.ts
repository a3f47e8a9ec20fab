import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { FolderStore } from '../folder-store';
import { LogDb } from './log-db';

/** The file of a database inside its folder (one folder per database, as with LevelDB). */
export const LOG_FILE = 'docs.log';

/** One append-only log (log-db.ts) per database, in `<dataDir>/<name>/docs.log`. */
export class LogStore extends FolderStore<LogDb> {
  async create(name: string): Promise<boolean> {
    if (await this.exists(name)) return false;
    try {
      await mkdir(this.dir(name), { recursive: true });
      await this.openDb(name);
    } finally {
      this.listChanged();
    }
    return true;
  }

  protected load(name: string): Promise<LogDb> {
    return LogDb.open(name, path.join(this.dir(name), LOG_FILE));
  }

  async destroy(name: string): Promise<boolean> {
    if (!(await this.exists(name))) return false;
    const p = this.dbs.get(name);
    this.dbs.delete(name);
    await (await p?.catch(() => null))?.close();
    try {
      await rm(this.dir(name), { recursive: true, force: true });
    } finally {
      this.listChanged();
    }
    return true;
  }

  async close(): Promise<void> {
    const all = [...this.dbs.values()];
    this.dbs.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => null))?.close()));
  }
}
