import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { storeContract } from './contract';
import { EmbeddedStore } from './embedded';

storeContract('embedded (PouchDB on LevelDB)', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-contract-'));
  const store = new EmbeddedStore(dir);
  return {
    store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
