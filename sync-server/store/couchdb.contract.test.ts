import { describe, expect, it } from 'vitest';
import { storeContract } from './contract';
import { startCouchCompatible } from './couch-compatible';
import { CouchStore, fromCouchName, toCouchName } from './couchdb';

// Always: the CouchDB backend against an independent CouchDB-compatible server on loopback.
storeContract('CouchDB backend over express-pouchdb', async () => {
  const couch = await startCouchCompatible();
  const store = new CouchStore(couch.url);
  await store.prepare();
  return {
    store,
    async close() {
      await store.close();
      await couch.close();
    },
  };
});

// And against a real Apache CouchDB whenever one is given.
const COUCHDB_URL = process.env.COUCHDB_URL;
if (COUCHDB_URL) {
  storeContract(`CouchDB backend over COUCHDB_URL`, async () => {
    const store = new CouchStore(COUCHDB_URL);
    await store.prepare();
    return { store, close: () => store.close() };
  });
}

describe('CouchDB backend names', () => {
  it('maps internal databases under a reserved prefix that clients cannot reach', async () => {
    expect(toCouchName('_regiodesk_users')).toBe('regiodesk$regiodesk_users');
    expect(fromCouchName('regiodesk$regiodesk_users')).toBe('_regiodesk_users');
    expect(fromCouchName('_replicator')).toBeNull();
    expect(fromCouchName('region-twente')).toBe('region-twente');
    const store = new CouchStore('http://u:p@127.0.0.1:1');
    expect(await store.open('regiodesk$regiodesk_users')).toBeNull();
    await expect(store.create('regiodesk$x')).rejects.toMatchObject({ status: 400 });
  });

  it('a wrong password for CouchDB is a server fault (502), never passed to the client as 401', async () => {
    const couch = await startCouchCompatible();
    try {
      const bad = new CouchStore(couch.url.replace('couch-secret', 'wrong'));
      await expect(bad.list()).rejects.toMatchObject({ status: 502 });
    } finally {
      await couch.close();
    }
  });
});
