import { afterAll } from 'vitest';

// The same PouchDB and RxDB replication tests, with the whole server storing its data through
// the CouchDB backend (an express-pouchdb server on loopback started per test server).
process.env.REGIODESK_TEST_STORE = 'couch';
afterAll(() => {
  delete process.env.REGIODESK_TEST_STORE;
});
await import('./pouchdb-replication.test');
await import('./rxdb-replication.test');
