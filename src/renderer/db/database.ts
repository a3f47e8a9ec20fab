import { addRxPlugin, createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { COLLECTIONS, type RegiodeskCollections } from './collections';
import { installFieldClocks } from '../sync/clock';

export type { CandidateCollection, RegiodeskCollections } from './collections';
export type RegiodeskDatabase = RxDatabase<RegiodeskCollections>;

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);
// Local documents hold per-device records that never replicate (e.g. import batches for undo).
addRxPlugin(RxDBLocalDocumentsPlugin);

/**
 * The local database of one user on one server. Its name is derived from both so that two people
 * sharing a browser (or one person on two servers) never see each other's local data.
 */
export function databaseNameFor(server: string, user: string): string {
  const key = `${server.replace(/\/+$/, '').toLowerCase()}|${user}`;
  // FNV-1a, 32 bit twice with different seeds: short, stable, and enough to keep names apart.
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  const readable = user.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 20);
  return `regiodesk_${readable || 'user'}_${fnv(0x811c9dc5)}${fnv(0x01234567)}`;
}

export interface CreateDatabaseOptions {
  /** Defaults to Dexie on the browser's IndexedDB; tests pass Dexie on fake-indexeddb. */
  storage?: RxStorage<any, any>;
  /** RxDB dev mode with schema validation; defaults to on in development builds only. */
  devMode?: boolean;
  multiInstance?: boolean;
}

let devModeAdded = false;

async function withDevMode(storage: RxStorage<any, any>): Promise<RxStorage<any, any>> {
  // Loaded on demand so production bundles leave dev mode (and its iframe) out entirely.
  const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all([
    import('rxdb/plugins/dev-mode'),
    import('rxdb/plugins/validate-ajv'),
  ]);
  if (!devModeAdded) {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
  return wrappedValidateAjvStorage({ storage });
}

export async function createDatabase(name: string, opts: CreateDatabaseOptions = {}): Promise<RegiodeskDatabase> {
  let storage: RxStorage<any, any> = opts.storage ?? getRxStorageDexie();
  // `import.meta.env.DEV` is false in production builds, so the bundler drops withDevMode and
  // the dev-mode chunk entirely; tests and the dev server get it.
  if (import.meta.env.DEV && (opts.devMode ?? true)) storage = await withDevMode(storage);
  const db = await createRxDatabase<RegiodeskCollections>({
    name,
    storage,
    multiInstance: opts.multiInstance ?? true,
    eventReduce: true,
    ignoreDuplicate: false,
    closeDuplicates: true,
    localDocuments: true,
  });
  await db.addCollections(COLLECTIONS);
  // Every local edit stamps the clocks of the fields it changes (merge by hybrid logical clocks).
  installFieldClocks(db.collections);
  return db;
}
