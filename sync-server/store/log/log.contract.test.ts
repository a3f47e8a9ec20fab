import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { storeContract } from '../contract';
import { LogStore } from './log-store';

storeContract('log store (append-only file per database)', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-contract-log-'));
  const store = new LogStore(dir);
  return {
    store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
