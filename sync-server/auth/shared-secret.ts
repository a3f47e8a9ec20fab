import { randomBytes } from 'node:crypto';
import type { ServerConfig } from '../config';
import { CONFIG_DB } from '../regions/regions';
import type { Store } from '../store/types';
import { loadOrCreateSecret } from './secret';

const DOC_ID = 'secret:session';

/**
 * The key that signs session cookies. With the embedded store it lives in the data folder; with
 * CouchDB it lives in the internal configuration database, so several Regiodesk servers in front
 * of one CouchDB cluster accept each other's sessions (a load balancer need not be sticky).
 */
export async function sessionSecret(config: ServerConfig, store: Store): Promise<Buffer> {
  if (!config.couchdbUrl) return loadOrCreateSecret(config.dataDir);
  await store.create(CONFIG_DB);
  const db = (await store.open(CONFIG_DB))!;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const doc = (await db.get(DOC_ID)) as { hex?: string };
      if (typeof doc.hex === 'string' && doc.hex.length >= 64) return Buffer.from(doc.hex, 'hex');
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
    // Two servers starting at once: one write wins, the other re-reads it.
    const [res] = await db.bulkDocs([{ _id: DOC_ID, hex: randomBytes(32).toString('hex') }], true);
    if (res && 'ok' in res) continue;
  }
  throw new Error('could not read or create the session secret in CouchDB');
}
