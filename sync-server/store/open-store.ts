import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { storeEngineFromEnv, type ServerConfig } from '../config';
import { CouchStore } from './couchdb';
import { EmbeddedStore } from './embedded';
import { LogStore } from './log/log-store';
import type { Store } from './types';

export type StoreEngine = 'log' | 'leveldb';

/**
 * Engine of a new data folder when REGIODESK_STORE does not say: the log engine, which passes the
 * same contract, compatibility, kill -9 and backup tests as LevelDB and is about twice as fast
 * (README, "The embedded store").
 */
export const DEFAULT_ENGINE: StoreEngine = 'log';

/** File in the data folder naming its engine, so a folder is always read by the engine that wrote it. */
export const ENGINE_FILE = 'store-engine';

/** Whether the folder already holds LevelDB databases (written before the engine was recorded). */
async function hasLevelDbs(dataDir: string): Promise<boolean> {
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (e.isDirectory() && (await stat(path.join(dataDir, e.name, 'CURRENT')).catch(() => null))) return true;
  }
  return false;
}

/**
 * The engine of the data folder: the one recorded in it; else, for a folder with LevelDB
 * databases from before, `leveldb`; else (a new folder) the configured one or the default. A
 * configured engine that differs from the folder's is an error (convert with backup + restore).
 */
export async function engineOf(dataDir: string, wanted: StoreEngine | undefined): Promise<StoreEngine> {
  const file = path.join(dataDir, ENGINE_FILE);
  const recorded = (await readFile(file, 'utf8').catch(() => ''))?.trim();
  let engine: StoreEngine;
  if (recorded === 'log' || recorded === 'leveldb') engine = recorded;
  else engine = (await hasLevelDbs(dataDir)) ? 'leveldb' : (wanted ?? DEFAULT_ENGINE);
  if (wanted && wanted !== engine) {
    throw new Error(
      `The data folder ${dataDir} holds the ${engine} store, but REGIODESK_STORE=${wanted}. ` +
        'Unset REGIODESK_STORE, or move the data: back it up (npm run admin -- backup), start with an empty folder and restore.',
    );
  }
  if (recorded !== engine) await writeFile(file, `${engine}\n`);
  return engine;
}

/**
 * The configured backend and whether it holds no data yet (demo data goes only into an empty
 * store): the embedded store in the data folder, or Apache CouchDB when COUCHDB_URL is set.
 */
export async function openStore(config: ServerConfig, dataDirWasEmpty: boolean): Promise<{ store: Store; empty: boolean }> {
  if (!config.couchdbUrl) {
    const engine = await engineOf(config.dataDir, config.store ?? storeEngineFromEnv());
    const store = engine === 'log' ? new LogStore(config.dataDir) : new EmbeddedStore(config.dataDir);
    return { store, empty: dataDirWasEmpty };
  }
  const store = new CouchStore(config.couchdbUrl);
  await store.prepare();
  const empty = (await store.list()).length === 0;
  return { store, empty };
}
