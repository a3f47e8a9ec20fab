import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, type TestServer } from '../testing';

PouchDB.plugin(memory);

type Doc = Record<string, unknown>;

let server: TestServer;
let n = 0;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 40 });
});
afterAll(() => server?.close());

const remote = (user = 'anna') =>
  new PouchDB<Doc>(`${server.url}/region-twente`, { auth: { username: user, password: DEMO_PASSWORD }, skip_setup: true } as PouchDB.Configuration.RemoteDatabaseConfiguration);
const local = () => new PouchDB<Doc>(`local-${++n}`, { adapter: 'memory' });

function candidate(id: string, firstName = 'Sjoerd'): Doc & { _id: string } {
  const { id: _id, ...rest } = newCandidate(
    { firstName, lastName: 'Bruggink', regions: ['twente'], ownerRegion: 'twente', consent: { given: true, purpose: 'begeleiding' } },
    { id, user: 'anna', now: new Date().toISOString() },
  );
  return { _id, ...rest };
}

/** Every document with its full revision history, for exact comparison. */
async function snapshot(db: PouchDB.Database<Doc>): Promise<Record<string, unknown>> {
  const all = await db.allDocs();
  const out: Record<string, unknown> = {};
  for (const row of all.rows) out[row.id] = await db.get(row.id, { revs: true, conflicts: true });
  return out;
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PouchDB replication against the server', () => {
  it('pulls a region database exactly, revisions included', async () => {
    const src = remote();
    const dst = local();
    const result = await PouchDB.replicate(src, dst);
    expect(result.ok).toBe(true);
    // 40 candidates plus the demo's organisations, contacts and tasks: everything the server holds.
    expect(result.docs_written).toBe((await src.info()).doc_count);
    expect(result.docs_written).toBeGreaterThanOrEqual(40);
    expect(await snapshot(dst)).toEqual(await snapshot(src));
    await dst.destroy();
  });

  it('pushes new documents and edits (new_edits:false) and both sides agree', async () => {
    const src = remote();
    const dst = local();
    await PouchDB.replicate(src, dst);
    const first = (await dst.allDocs({ include_docs: true })).rows.find((r) => (r.doc as Doc | undefined)?.type === 'candidate')!.id;
    const doc = await dst.get(first);
    await dst.put({ ...doc, phase: 'matchen', updatedAt: new Date().toISOString() });
    await dst.put(candidate('pouch-new-1'));
    const del = await dst.put(candidate('pouch-del-1'));
    await dst.remove('pouch-del-1', del.rev);

    const result = await PouchDB.replicate(dst, src);
    expect(result.ok).toBe(true);
    expect(result.doc_write_failures).toBe(0);
    expect(result.docs_written).toBe(3);
    const server = await snapshot(src);
    expect(server).toEqual(await snapshot(dst));
    expect((server[first] as { _rev: string })._rev).toMatch(/^2-/);
    // The deleted document's history arrived too.
    const stub = await src.get('pouch-del-1', { revs: true, open_revs: 'all' });
    expect(stub[0]).toMatchObject({ ok: { _deleted: true } });
    await dst.destroy();
  });

  it('refuses invalid documents per document (denied), writes the rest', async () => {
    const src = remote();
    const dst = local();
    await dst.put(candidate('pouch-ok-2'));
    await dst.put({ ...candidate('pouch-bad-2'), email: 'not an email' });
    const denied: unknown[] = [];
    const result = await PouchDB.replicate(dst, src).on('denied', (e) => denied.push(e));
    expect(result.docs_written).toBe(1);
    expect(result.doc_write_failures).toBe(1);
    expect(denied).toHaveLength(1);
    await expect(src.get('pouch-bad-2')).rejects.toMatchObject({ status: 404 });
    expect((await src.get('pouch-ok-2'))._id).toBe('pouch-ok-2');
    await dst.destroy();
  });

  it('a viewer may pull but not push', async () => {
    const src = remote('vera');
    const dst = local();
    const pulled = await PouchDB.replicate(src, dst);
    expect(pulled.ok).toBe(true);
    await dst.put(candidate('pouch-vera-1'));
    const pushed = await PouchDB.replicate(dst, src).catch((e: unknown) => e as { status?: number });
    expect((pushed as { status?: number }).status ?? (pushed as { doc_write_failures?: number }).doc_write_failures).toBeTruthy();
    expect(
      (await fetch(`${server.url}/region-twente/pouch-vera-1`, { headers: { Authorization: basicAuth('anna', DEMO_PASSWORD) } })).status,
    ).toBe(404);
    await dst.destroy();
  });

  it('live sync picks up server changes and sends local ones', async () => {
    const src = remote();
    const dst = local();
    await PouchDB.replicate(src, dst);
    const sync = dst.sync(src, { live: true, retry: false });
    try {
      const res = await fetch(`${server.url}/region-twente/pouch-live-1`, {
        method: 'PUT',
        headers: { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' },
        body: JSON.stringify(candidate('pouch-live-1', 'Bülent')),
      });
      expect(res.status).toBe(201);
      await until(async () => !!(await dst.get('pouch-live-1').catch(() => null)));
      await dst.put(candidate('pouch-live-2', 'Zoë'));
      await until(async () => !!(await src.get('pouch-live-2').catch(() => null)));
    } finally {
      sync.cancel();
    }
    expect(await snapshot(dst)).toEqual(await snapshot(src));
    await dst.destroy();
  });
});
