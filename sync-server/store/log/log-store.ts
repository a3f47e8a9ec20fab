import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Store, StoreDb } from '../types';
import { STORE_DB_NAME } from '../types';
import { LogDb } from './log-db';

/** The file of a database inside its folder (one folder per database, as with LevelDB). */
export const LOG_FILE = 'docs.log';

/** One append-only log (log-db.ts) per database, in `<dataDir>/<name>/docs.log`. */
export class LogStore implements Store {
  private dbs = new Map<string, Promise<LogDb>>();

  constructor(readonly dataDir: string) {}

  private dir(name: string): string {
    if (!STORE_DB_NAME.test(name)) throw Object.assign(new Error(`illegal database name ${name}`), { status: 400, name: 'illegal_database_name', reason: 'Name is not a valid database name.' });
    return path.join(this.dataDir, name);
  }

  async list(): Promise<string[]> {
    const entries = await readdir(this.dataDir, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isDirectory() && STORE_DB_NAME.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  async exists(name: string): Promise<boolean> {
    if (this.dbs.has(name)) return true;
    const s = await stat(this.dir(name)).catch(() => null);
    return !!s?.isDirectory();
  }

  async create(name: string): Promise<boolean> {
    if (await this.exists(name)) return false;
    await mkdir(this.dir(name), { recursive: true });
    await this.openDb(name);
    return true;
  }

  async open(name: string): Promise<StoreDb | null> {
    if (!STORE_DB_NAME.test(name)) return null;
    if (!(await this.exists(name))) return null;
    return this.openDb(name);
  }

  private openDb(name: string): Promise<LogDb> {
    let p = this.dbs.get(name);
    if (!p) {
      p = LogDb.open(name, path.join(this.dir(name), LOG_FILE));
      p.catch(() => this.dbs.delete(name));
      this.dbs.set(name, p);
    }
    return p;
  }

  async destroy(name: string): Promise<boolean> {
    if (!(await this.exists(name))) return false;
    const p = this.dbs.get(name);
    this.dbs.delete(name);
    await (await p?.catch(() => null))?.close();
    await rm(this.dir(name), { recursive: true, force: true });
    return true;
  }

  async close(): Promise<void> {
    const all = [...this.dbs.values()];
    this.dbs.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => null))?.close()));
  }
}
