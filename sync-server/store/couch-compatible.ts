import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';

PouchDB.plugin(memory);

// Express 4 and express-pouchdb ship no typings; only these few calls are used.
type Next = () => void;
type Res = ServerResponse & { status(code: number): Res; json(body: unknown): void };
interface App {
  use(...args: unknown[]): void;
  listen(port: number, host: string): Server;
}
const require = createRequire(import.meta.url);
const express = require('express') as () => App;
const expressPouchDB = require('express-pouchdb') as (pouch: unknown, opts: unknown) => unknown;

let instances = 0;

export interface CouchCompatible {
  /** `http://user:password@127.0.0.1:<port>`, the form COUCHDB_URL takes. */
  url: string;
  close(): Promise<void>;
}

/**
 * An independent CouchDB-compatible server for tests of the COUCHDB_URL backend where Apache
 * CouchDB cannot be installed: express-pouchdb 4.2 inside Express 4, on PouchDB's memory adapter,
 * on loopback. Like a CouchDB with `require_valid_user = true`, it answers 401 to any request
 * without the right Basic credentials.
 */
export async function startCouchCompatible(user = 'couchadmin', password = 'couch-secret'): Promise<CouchCompatible> {
  // The memory adapter shares one store per process: a prefix keeps each server's databases apart.
  const MemPouch = PouchDB.defaults({ adapter: 'memory', prefix: `ep${++instances}-` } as PouchDB.Configuration.DatabaseConfiguration);
  const app = express();
  const expected = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  app.use((req: IncomingMessage, res: Res, next: Next) => {
    if (req.headers.authorization === expected) return next();
    res.status(401).json({ error: 'unauthorized', reason: 'Authentication required.' });
  });
  const tmp = os.tmpdir();
  app.use('/', expressPouchDB(MemPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: path.join(tmp, `regiodesk-ep-${process.pid}.log`) }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${user}:${password}@127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
