import type { IntakeOptions } from './intake/options';
import { tlsFromEnv, type TlsFiles } from './security/tls';
import path from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder holding the databases, the session secret and the server id. */
  dataDir: string;
  /** Password of the user `admin`, created or updated at start; absent: no admin is touched. */
  adminPassword?: string;
  /** Load demo data when the data folder is empty. */
  demo: boolean;
  /** Candidates per region in the demo data. */
  demoSize?: number;
  /** Folder of the built web app, served at /app/. */
  webRoot: string;
  /** Origins allowed to make credentialed cross-origin requests. */
  corsOrigins: string[];
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Lifetime of a session cookie in seconds. */
  sessionTtlSeconds: number;
  /** Failed logins per user and IP within a minute before 429. */
  loginAttemptsPerMinute: number;
  /** Longest a `_changes?feed=longpoll` request is held open, in ms. */
  maxLongpollMs: number;
  /**
   * Apache CouchDB (or cluster) to store the data in, e.g. `http://admin:secret@couch:5984`;
   * absent: the embedded store in `dataDir`. The data folder still holds the session secret.
   */
  couchdbUrl?: string;
  /**
   * Storage engine of the embedded store for a NEW data folder (REGIODESK_STORE=log|leveldb;
   * sync-server/store/open-store.ts): an existing folder keeps the engine recorded in it.
   */
  store?: 'log' | 'leveldb';
  /** Limits of the public website intake (sync-server/intake); defaults when absent. */
  intake?: Partial<IntakeOptions>;
  /** PEM certificate and key (REGIODESK_TLS_CERT/KEY): the server speaks HTTPS (sync-server/security). */
  tls?: TlsFiles;
  /** Mark cookies `Secure` without TLS here, behind a TLS proxy (REGIODESK_SECURE_COOKIES=1). */
  secureCookies?: boolean;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 5984,
  dataDir: './data',
  webRoot: 'dist/renderer',
  corsOrigins: ['app://regiodesk'],
  maxBodyBytes: 16 * 1024 * 1024,
  sessionTtlSeconds: 7 * 24 * 3600,
  loginAttemptsPerMinute: 10,
  maxLongpollMs: 60_000,
} as const;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.REGIODESK_PORT === undefined || env.REGIODESK_PORT === '' ? DEFAULTS.port : Number(env.REGIODESK_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`REGIODESK_PORT must be a port number, got ${JSON.stringify(env.REGIODESK_PORT)}`);
  }
  const origins = (env.REGIODESK_CORS_ORIGINS ?? DEFAULTS.corsOrigins.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    host: env.REGIODESK_HOST || DEFAULTS.host,
    port,
    dataDir: path.resolve(env.REGIODESK_DATA || DEFAULTS.dataDir),
    adminPassword: env.REGIODESK_ADMIN_PASSWORD || undefined,
    couchdbUrl: env.COUCHDB_URL || undefined,
    store: storeEngineFromEnv(env),
    demo: env.REGIODESK_DEMO === '1' || env.REGIODESK_DEMO === 'true',
    webRoot: path.resolve(env.REGIODESK_WEB_ROOT || DEFAULTS.webRoot),
    corsOrigins: origins,
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    sessionTtlSeconds: DEFAULTS.sessionTtlSeconds,
    loginAttemptsPerMinute: DEFAULTS.loginAttemptsPerMinute,
    maxLongpollMs: DEFAULTS.maxLongpollMs,
    tls: tlsFromEnv(env),
    secureCookies: env.REGIODESK_SECURE_COOKIES === '1' || env.REGIODESK_SECURE_COOKIES === 'true',
  };
}

/** REGIODESK_STORE: `log` or `leveldb`; absent: the default for new data folders. */
export function storeEngineFromEnv(env: NodeJS.ProcessEnv = process.env): 'log' | 'leveldb' | undefined {
  const v = env.REGIODESK_STORE;
  if (v === undefined || v === '') return undefined;
  if (v !== 'log' && v !== 'leveldb') throw new Error(`REGIODESK_STORE must be log or leveldb, got ${JSON.stringify(v)}`);
  return v;
}

/** Fills in defaults for a partial configuration (tests, embedding). */
export function withDefaults(partial: Partial<ServerConfig> & { dataDir: string }): ServerConfig {
  return {
    host: DEFAULTS.host,
    port: DEFAULTS.port,
    demo: false,
    webRoot: path.resolve(DEFAULTS.webRoot),
    corsOrigins: [...DEFAULTS.corsOrigins],
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    sessionTtlSeconds: DEFAULTS.sessionTtlSeconds,
    loginAttemptsPerMinute: DEFAULTS.loginAttemptsPerMinute,
    maxLongpollMs: DEFAULTS.maxLongpollMs,
    ...partial,
  };
}
