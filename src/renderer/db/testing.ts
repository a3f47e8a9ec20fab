/**
 * Test helper (not used by the app): reads IndexedDB past RxDB and Dexie, to check what really
 * lies at rest. One function for both sides: Node tests pass fake-indexeddb's factory; the e2e
 * tests hand it to Playwright's `page.evaluate(readIndexedDb)`, which runs it in the page with
 * the page's own `indexedDB`. It therefore refers to nothing outside its own body.
 */
export interface StoredRecords {
  db: string;
  store: string;
  rows: unknown[];
}

/** Every record of every object store of every IndexedDB database whose name holds `nameContains`. */
export async function readIndexedDb(factory?: IDBFactory, nameContains = ''): Promise<StoredRecords[]> {
  const idbFactory = factory ?? indexedDB;
  const out: StoredRecords[] = [];
  for (const info of await idbFactory.databases()) {
    const name = info.name;
    if (!name || !name.includes(nameContains)) continue;
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = idbFactory.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(idb.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      out.push({ db: name, store, rows });
    }
    idb.close();
  }
  return out;
}
