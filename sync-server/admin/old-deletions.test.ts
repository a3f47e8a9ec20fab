import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRegionDocument, DELETED_CLOCK, formatHlc, newCandidate } from '../../src/shared';
import { withDefaults } from '../config';
import { DEMO_PASSWORD } from '../demo/load';
import { startServer } from '../server';
import { startCouchCompatible, type CouchCompatible } from '../store/couch-compatible';
import { CouchStore } from '../store/couchdb';
import { openStore } from '../store/open-store';
import type { Json } from '../store/types';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD } from '../testing';
import { dataFreeChild, dataFreeRev } from './old-deletions';

PouchDB.plugin(memory);

/**
 * Deletions stored with their body before the server made them data-free (couch/deletions.ts)
 * lose it at `npm run admin -- compact`, on every backend, and laptops that already hold the
 * deletion replicate the data-free revision as an ordinary update.
 */
type Doc = Record<string, unknown>;
const PERSONAL = ['Femke', 'Veldhuis', 'femke@example.nl', '0612345678'];
const CLOCK = formatHlc({ wall: Date.parse('2026-11-01T09:00:00.000Z'), counter: 1, node: 'laptop' });
const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };

function candidate(id: string): Doc & { _id: string } {
  const { id: _id, ...rest } = newCandidate(
    { firstName: 'Femke', lastName: 'Veldhuis', email: 'femke@example.nl', phone: '0612345678', regions: ['twente'], ownerRegion: 'twente' },
    { id, user: 'anna', now: '2026-11-01T08:00:00.000Z' },
  );
  return { _id, ...rest };
}

/** A running server and a way to write into its store behind its back, as the server before today did. */
interface Harness {
  url(): string;
  writeBehind(db: string, docs: Json[], newEdits?: boolean): Promise<{ rev?: string }[]>;
  close(): Promise<void>;
}

async function embedded(engine: 'log' | 'leveldb'): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-olddel-'));
  const config = withDefaults({ dataDir, host: '127.0.0.1', port: 0, demo: true, demoSize: 0, adminPassword: TEST_ADMIN_PASSWORD, store: engine });
  let server = await startServer(config);
  return {
    url: () => server.url,
    // The embedded stores belong to one process: stop the server, write, start it again.
    async writeBehind(name, docs, newEdits = true) {
      await server.close();
      const { store } = await openStore(config, false);
      try {
        return await (await store.open(name))!.bulkDocs(docs, newEdits);
      } finally {
        await store.close();
        server = await startServer(config);
      }
    },
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function couch(): Promise<Harness> {
  const backend: CouchCompatible = await startCouchCompatible();
  const server = await startTestServer({ couchdbUrl: backend.url, demo: true, demoSize: 0 });
  const direct = new CouchStore(backend.url);
  return {
    url: () => server.url,
    // Another client of the same CouchDB (the server hears of it through its _changes watch).
    writeBehind: async (name, docs, newEdits = true) => (await direct.open(name))!.bulkDocs(docs, newEdits),
    async close() {
      await direct.close();
      await server.close();
      await backend.close();
    },
  };
}

async function getJson(url: string, headers = anna): Promise<Doc> {
  return (await (await fetch(url, { headers })).json()) as Doc;
}

async function compact(h: Harness): Promise<{ deletionsRewritten: number }> {
  const res = await fetch(`${h.url()}/_regiodesk/admin/compact`, { method: 'POST', headers: admin, body: '{}' });
  expect(res.status).toBe(200);
  return (await res.json()) as { deletionsRewritten: number };
}

describe.each([
  ['log store', () => embedded('log')],
  ['LevelDB store', () => embedded('leveldb')],
  ['CouchDB backend', couch],
])('compaction of old deletions (%s)', (_name, start) => {
  let h: Harness;
  beforeAll(async () => {
    h = await start();
  }, 60_000);
  afterAll(() => h?.close());

  it('writes a data-free revision on top of each deletion that holds a body; a laptop that has the deletion replicates it without a conflict', async () => {
    const doc = candidate('olddel-1');
    const [created] = await h.writeBehind('region-twente', [doc, { _id: 'olddel-bare', type: 'candidate' }]);
    const bareRev = (await getJson(`${h.url()}/region-twente/olddel-bare`))._rev as string;
    const [deleted, bare] = await h.writeBehind('region-twente', [
      { ...doc, _rev: created!.rev, _deleted: true, fieldClocks: { firstName: CLOCK, [DELETED_CLOCK]: CLOCK } },
      { _id: 'olddel-bare', _rev: bareRev, _deleted: true },
    ]);
    const oldRev = deleted!.rev!;
    // What the server served until now: the body of the deletion.
    expect(JSON.stringify(await getJson(`${h.url()}/region-twente/olddel-1?rev=${oldRev}`))).toContain('Veldhuis');

    const remote = () => new PouchDB<Doc>(`${h.url()}/region-twente`, { auth: { username: 'anna', password: DEMO_PASSWORD }, skip_setup: true } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    const laptop = new PouchDB<Doc>(`olddel-laptop-${_name}`, { adapter: 'memory' });
    const fresh = new PouchDB<Doc>(`olddel-fresh-${_name}`, { adapter: 'memory' });
    try {
      await PouchDB.replicate(remote(), laptop);
      expect((await laptop.get('olddel-1', { rev: oldRev })).firstName).toBe('Femke');

      expect((await compact(h)).deletionsRewritten).toBe(1);

      const newRev = dataFreeRev('olddel-1', oldRev);
      const winner = await getJson(`${h.url()}/region-twente/olddel-1?rev=${newRev}`);
      expect(winner).toMatchObject({ _id: 'olddel-1', _deleted: true, type: 'candidate', ownerRegion: 'twente', fieldClocks: { [DELETED_CLOCK]: CLOCK } });
      expect(checkRegionDocument('twente', winner).ok).toBe(true);
      const feed = await getJson(`${h.url()}/region-twente/_changes?include_docs=true&style=all_docs`);
      const served = [JSON.stringify(feed), JSON.stringify(await getJson(`${h.url()}/region-twente/olddel-1?rev=${oldRev}`))];
      // The bare deletion had nothing to remove and keeps its revision.
      expect((feed.results as { id: string; changes: { rev: string }[] }[]).find((r) => r.id === 'olddel-bare')!.changes).toEqual([{ rev: bare!.rev }]);

      // The laptop that had the old deletion: one more revision on the same branch, no conflict.
      const pulled = await PouchDB.replicate(remote(), laptop);
      expect(pulled.ok).toBe(true);
      const mine = await laptop.get('olddel-1', { rev: newRev, revs: true, conflicts: true, deleted_conflicts: true } as PouchDB.Core.GetOptions);
      expect(mine._revisions).toEqual({ start: 3, ids: [newRev.slice(2), oldRev.slice(2), created!.rev!.slice(2)] });
      expect((mine as Doc)._conflicts).toBeUndefined();
      expect((mine as Doc)._deleted_conflicts).toBeUndefined();
      expect(await laptop.get('olddel-1', { open_revs: 'all' })).toHaveLength(1);
      // Pushing back changes nothing: the server already has every revision.
      const pushed = await PouchDB.replicate(laptop, remote());
      expect(pushed.docs_written).toBe(0);

      // A laptop that starts now never receives the old body.
      await PouchDB.replicate(remote(), fresh);
      const fromFresh = await fresh.get('olddel-1', { rev: newRev });
      served.push(JSON.stringify(fromFresh));
      for (const text of served) for (const p of PERSONAL) expect(text).not.toContain(p);

      // Idempotent: nothing left to rewrite, no new revision.
      expect((await compact(h)).deletionsRewritten).toBe(0);
      expect((await getJson(`${h.url()}/region-twente/olddel-1?open_revs=all`, anna)) as unknown).toHaveLength(1);
    } finally {
      await laptop.destroy();
      await fresh.destroy();
    }
  }, 60_000);

  it('also the deleted losing leaves of conflicted documents (two deletions; an edit against a deletion)', async () => {
    const hash = (c: string) => c.repeat(32);
    const leaf = (id: string, h: string, deleted: boolean, parent: string) => ({
      ...candidate(id),
      _rev: `2-${h}`,
      _revisions: { start: 2, ids: [h, parent.slice(2)] },
      ...(deleted ? { _deleted: true, fieldClocks: { [DELETED_CLOCK]: CLOCK } } : { place: 'Hengelo' }),
    });
    const [a, b] = await h.writeBehind('region-twente', [candidate('olddel-two'), candidate('olddel-edit')]);
    await h.writeBehind('region-twente', [leaf('olddel-two', hash('a'), true, a!.rev!), leaf('olddel-two', hash('b'), true, a!.rev!), leaf('olddel-edit', hash('c'), false, b!.rev!), leaf('olddel-edit', hash('d'), true, b!.rev!)], false);

    expect((await compact(h)).deletionsRewritten).toBe(3);

    const leaves = async (id: string) => (await getJson(`${h.url()}/region-twente/${id}?open_revs=all`)) as unknown as { ok: Doc }[];
    const two = await leaves('olddel-two');
    expect(two.map((l) => l.ok._rev).sort()).toEqual([dataFreeRev('olddel-two', `2-${hash('a')}`), dataFreeRev('olddel-two', `2-${hash('b')}`)].sort());
    for (const p of PERSONAL) expect(JSON.stringify(two)).not.toContain(p);
    const edit = await leaves('olddel-edit');
    // The edit still wins and keeps its body; the deletion beside it has none left.
    const live = edit.find((l) => !l.ok._deleted)!.ok;
    expect(live).toMatchObject({ _rev: `2-${hash('c')}`, firstName: 'Femke', place: 'Hengelo' });
    const gone = edit.find((l) => l.ok._deleted)!.ok;
    expect(gone._rev).toBe(dataFreeRev('olddel-edit', `2-${hash('d')}`));
    for (const p of PERSONAL) expect(JSON.stringify(gone)).not.toContain(p);
    for (const r of [`2-${hash('a')}`, `2-${hash('d')}`]) {
      const old = JSON.stringify(await getJson(`${h.url()}/region-twente/${r.endsWith(hash('a')) ? 'olddel-two' : 'olddel-edit'}?rev=${r}`));
      for (const p of PERSONAL) expect(old).not.toContain(p);
    }
    expect((await compact(h)).deletionsRewritten).toBe(0);
  }, 60_000);
});

describe('the data-free child of a deletion', () => {
  const deletion = { ...candidate('olddel-2'), _rev: '2-abc', _deleted: true, fieldClocks: { [DELETED_CLOCK]: CLOCK } };

  it('is the same revision in every region database that holds a copy, so fan-out copies do not conflict', () => {
    const a = dataFreeChild('region-twente', deletion)!;
    const b = dataFreeChild('region-salland', { ...deletion })!;
    expect(a._rev).toBe(b._rev);
    expect(a).toEqual(b);
    expect(a._revisions).toEqual({ start: 3, ids: [String(a._rev).slice(2), 'abc'] });
  });

  it('is not written for data-free deletions, bare deletions, live documents or non-region databases', () => {
    const { _revisions: _r, ...child } = dataFreeChild('region-twente', deletion)!;
    expect(dataFreeChild('region-twente', child)).toBeNull();
    expect(dataFreeChild('region-twente', { _id: 'x', _rev: '2-a', _deleted: true })).toBeNull();
    expect(dataFreeChild('region-twente', { ...deletion, _deleted: undefined })).toBeNull();
    expect(dataFreeChild('scratch', deletion)).toBeNull();
  });
});
