import { addRxPlugin, createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { COLLECTIONS, type RegiodeskCollections } from './collections';
import { installFieldClocks } from '../sync/clock';
import { DataKeyError, open, seal } from './cipher';
import { wrappedEncryptedStorage } from './encryption';
import { followMigrations } from './migrationProgress';
import { migrateCollections, withoutAutoMigration } from './migration';

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
  /**
   * The 256-bit data key for the personal fields (features/security/keyring.ts). Required in the
   * app; tests that do not care get a fixed test key, so every feature's tests run encrypted.
   */
  key?: Uint8Array;
}

/** Only ever used under vitest (MODE 'test'); the app refuses to open a database without a key. */
const TEST_DATA_KEY = new Uint8Array(32).fill(7);
const KEY_CHECK_ID = 'dataKeyCheck';
const KEY_CHECK_TEXT = 'regiodesk-data-key-check';

/**
 * A database made with another key must not open: its documents would not decrypt, and new ones
 * would be written under a second key. A small sealed check value, kept as a local document,
 * tells before anything else is read or migrated.
 */
async function checkDataKey(db: RegiodeskDatabase, key: Uint8Array): Promise<void> {
  const doc = await db.getLocal<{ check: string }>(KEY_CHECK_ID);
  if (!doc) {
    await db.insertLocal(KEY_CHECK_ID, { check: seal(key, KEY_CHECK_TEXT, KEY_CHECK_ID) });
    return;
  }
  if (open(key, doc.get('check') as string, KEY_CHECK_ID) !== KEY_CHECK_TEXT) throw new DataKeyError(KEY_CHECK_ID);
}

/**
 * Each open database's data key, for local data kept beside the store under the same key (the
 * list's sealed snapshot, features/candidates/listSnapshot.ts). Weak: gone with the database.
 */
const dataKeys = new WeakMap<object, Uint8Array>();
export function dataKeyOf(db: RegiodeskDatabase): Uint8Array | undefined {
  return dataKeys.get(db);
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
  const key = opts.key ?? (import.meta.env.MODE === 'test' ? TEST_DATA_KEY : null);
  if (!key) throw new DataKeyError('no key given');
  // User Timing marks: bench:ui reads them to tell where a cold start's time goes.
  globalThis.performance?.mark?.('regiodesk:db:open-start');
  let storage: RxStorage<any, any> = wrappedEncryptedStorage({ storage: opts.storage ?? getRxStorageDexie(), key });
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
  try {
    await checkDataKey(db, key);
  } catch (e) {
    await db.close();
    throw e;
  }
  dataKeys.set(db, new Uint8Array(key));
  // A schema change migrates before anything reads the collections: the start screen shows its
  // progress.
  const stopFollowing = followMigrations(db);
  try {
    await db.addCollections(withoutAutoMigration(COLLECTIONS));
    await migrateCollections(db);
  } catch (e) {
    // A failed migration keeps the old version's data for the next start; release the store.
    await db.close();
    throw e;
  } finally {
    stopFollowing();
  }
  // Every local edit stamps the clocks of the fields it changes (merge by hybrid logical clocks).
  installFieldClocks(db.collections);
  globalThis.performance?.mark?.('regiodesk:db:opened');
  return db;
}
