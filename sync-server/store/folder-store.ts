import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Store, StoreDb } from './types';
import { STORE_DB_NAME } from './types';

/**
 * What the embedded (LevelDB) and the log store share: one folder per database under `dataDir`,
 * named as the database, and each database opened once however many callers ask for it.
 */
export abstract class FolderStore<D extends StoreDb> implements Store {
  protected dbs = new Map<string, Promise<D>>();

  constructor(readonly dataDir: string) {}

  /** Opens the database in its (existing) folder. */
  protected abstract load(name: string): Promise<D>;

  abstract create(name: string): Promise<boolean>;
  abstract close(): Promise<void>;

  protected dir(name: string): string {
    if (!STORE_DB_NAME.test(name)) throw Object.assign(new Error(`illegal database name ${name}`), { status: 400, name: 'illegal_database_name', reason: 'Name is not a valid database name.' });
    return path.join(this.dataDir, name);
  }

  /**
   * The folder's listing, read once and kept until this store creates or destroys a database
   * (listChanged): the write path asks for it on every push of new candidates (link-check.ts).
   * Folders are made only through the store (restore too), so the kept list stays true.
   */
  private listing: Promise<string[]> | null = null;

  async list(): Promise<string[]> {
    this.listing ??= readdir(this.dataDir, { withFileTypes: true })
      .catch(() => [])
      .then((entries) =>
        entries
          .filter((e) => e.isDirectory() && STORE_DB_NAME.test(e.name))
          .map((e) => e.name)
          .sort(),
      );
    return [...(await this.listing)];
  }

  /** Forgets the kept listing; called after every create and destroy, successful or not. */
  protected listChanged(): void {
    this.listing = null;
  }

  async exists(name: string): Promise<boolean> {
    if (this.dbs.has(name)) return true;
    const s = await stat(this.dir(name)).catch(() => null);
    return !!s?.isDirectory();
  }

  async open(name: string): Promise<StoreDb | null> {
    if (!STORE_DB_NAME.test(name)) return null;
    if (!(await this.exists(name))) return null;
    return this.openDb(name);
  }

  protected openDb(name: string): Promise<D> {
    let p = this.dbs.get(name);
    if (!p) {
      p = this.load(name);
      p.catch(() => this.dbs.delete(name));
      this.dbs.set(name, p);
    }
    return p;
  }
}
