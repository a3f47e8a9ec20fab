import type { ServerConfig } from '../config';
import { CouchStore } from './couchdb';
import { EmbeddedStore } from './embedded';
import type { Store } from './types';

/**
 * The configured backend and whether it holds no data yet (demo data goes only into an empty
 * store): the embedded store in the data folder, or Apache CouchDB when COUCHDB_URL is set.
 */
export async function openStore(config: ServerConfig, dataDirWasEmpty: boolean): Promise<{ store: Store; empty: boolean }> {
  if (!config.couchdbUrl) return { store: new EmbeddedStore(config.dataDir), empty: dataDirWasEmpty };
  const store = new CouchStore(config.couchdbUrl);
  await store.prepare();
  const empty = (await store.list()).length === 0;
  return { store, empty };
}
