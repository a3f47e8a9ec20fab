// The reference CouchDB-compatible server for the benchmark: express-pouchdb 4.2 in Express 4 over
// PouchDB on LevelDB (the same storage as our embedded store), no authentication (admin party),
// in its own process like our server. Usage: node express-pouchdb-child.mjs <dataDir>
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const express = require('express');
const expressPouchDB = require('express-pouchdb');
const PouchDB = require('pouchdb-node');

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: express-pouchdb-child.mjs <dataDir>');
const Pouch = PouchDB.defaults({ prefix: dataDir + path.sep });
const app = express();
app.use('/', expressPouchDB(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: path.join(dataDir, 'log.txt') }));
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`express-pouchdb listening on http://127.0.0.1:${server.address().port}`);
});
