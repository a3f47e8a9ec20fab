import type { StoreDb } from '../store/types';

/**
 * Cached reads of the users database. Every request authenticates, so reading the user from
 * LevelDB (or CouchDB over HTTP) on each one was a large share of a long-poll's cost (500 live
 * clients: 500 reads per write). Entries are dropped on every write to the users database the
 * store reports (our own writes at once; with COUCHDB_URL also those of other servers, through
 * the store's watcher), so a disabled user or a new password takes effect with the next request.
 */
export class UserCache<T> {
  private entries = new Map<string, Promise<T>>();
  private readonly unsubscribe: () => void;

  constructor(db: StoreDb) {
    // The promise is cached from the start of the read: a write that lands while the read runs
    // clears it, so a stale answer is never kept beyond that one request.
    this.unsubscribe = db.subscribe(() => this.entries.clear());
  }

  get(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.entries.get(key);
    if (!p) {
      p = read();
      this.entries.set(key, p);
      p.catch(() => this.entries.delete(key));
    }
    return p;
  }

  clear(): void {
    this.entries.clear();
  }

  close(): void {
    this.unsubscribe();
    this.entries.clear();
  }
}
