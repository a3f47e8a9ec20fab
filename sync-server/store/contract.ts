import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, Store, StoreDb } from './types';

export interface StoreUnderTest {
  store: Store;
  close(): Promise<void>;
}

type Row = { id: string; key: string; value: { rev: string }; doc?: Json };

/**
 * What every Store must do, the same for the embedded store and CouchDB: CouchDB's JSON shapes
 * and revision-tree semantics, because the routes pass them to unmodified CouchDB clients.
 * Each run uses fresh database names, so a shared CouchDB (COUCHDB_URL) is not disturbed.
 */
export function storeContract(label: string, start: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${label}`, () => {
    let sut: StoreUnderTest;
    let store: Store;
    let db: StoreDb;
    const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const name = `contract-${tag}`;
    const internal = `_contract_${tag}`;

    beforeAll(async () => {
      sut = await start();
      store = sut.store;
      expect(await store.create(name)).toBe(true);
      db = (await store.open(name))!;
    });
    afterAll(async () => {
      await sut?.close();
    });

    it('creates, lists and opens databases, internal ones included', async () => {
      expect(await store.create(name)).toBe(false);
      expect(await store.exists(name)).toBe(true);
      expect(await store.exists(`${name}-missing`)).toBe(false);
      expect(await store.open(`${name}-missing`)).toBeNull();
      expect(await store.create(internal)).toBe(true);
      const list = await store.list();
      expect(list).toContain(name);
      expect(list).toContain(internal);
      expect([...list].sort()).toEqual(list);
      const idb = (await store.open(internal))!;
      expect(idb.name).toBe(internal);
      expect(await idb.bulkDocs([{ _id: 'x', v: 1 }], true)).toMatchObject([{ ok: true, id: 'x' }]);
      expect((await db.allDocs({ keys: ['x'] })) as Json).toMatchObject({ rows: [{ key: 'x', error: 'not_found' }] });
    });

    it('writes with new_edits, reports conflicts per document, reads revisions', async () => {
      const [a] = await db.bulkDocs([{ _id: 'a', n: 1 }], true);
      expect(a).toMatchObject({ ok: true, id: 'a' });
      const rev1 = (a as { rev: string }).rev;
      expect(rev1).toMatch(/^1-/);
      const res = await db.bulkDocs([{ _id: 'a', _rev: rev1, n: 2 }, { _id: 'a', n: 3 }, { _id: 'b', n: 1 }], true);
      expect(res[0]).toMatchObject({ ok: true, id: 'a' });
      expect(res[1]).toMatchObject({ id: 'a', error: 'conflict' });
      expect(res[2]).toMatchObject({ ok: true, id: 'b' });
      const doc = (await db.get('a', { revs: true })) as Json & { _revisions: { start: number; ids: string[] } };
      expect(doc.n).toBe(2);
      expect(doc._revisions.start).toBe(2);
      expect(doc._revisions.ids).toHaveLength(2);
      const old = (await db.get('a', { rev: rev1 })) as Json;
      expect(old.n).toBe(1);
      await expect(db.get('nope')).rejects.toMatchObject({ status: 404 });
    });

    it('keeps revision trees with new_edits=false: conflicts, open_revs, revs_diff, bulk_get', async () => {
      const base = { _id: 'c', _rev: '1-aaa', v: 0, _revisions: { start: 1, ids: ['aaa'] } };
      const left = { _id: 'c', _rev: '2-bbb', v: 1, _revisions: { start: 2, ids: ['bbb', 'aaa'] } };
      const right = { _id: 'c', _rev: '2-ccc', v: 2, _revisions: { start: 2, ids: ['ccc', 'aaa'] } };
      const res = await db.bulkDocs([base, left, right], false);
      expect(res.every((r) => 'ok' in r)).toBe(true);
      const winner = (await db.get('c', { conflicts: true })) as Json;
      expect(winner._rev).toBe('2-ccc');
      expect(winner._conflicts).toEqual(['2-bbb']);
      const open = (await db.get('c', { open_revs: 'all' })) as { ok: Json }[];
      expect(open.map((o) => o.ok._rev).sort()).toEqual(['2-bbb', '2-ccc']);
      const some = (await db.get('c', { open_revs: ['2-bbb', '9-zzz'] })) as ({ ok: Json } | { missing: string })[];
      expect(some).toContainEqual({ missing: '9-zzz' });
      const diff = (await db.revsDiff({ c: ['2-bbb', '3-ddd'], z: ['1-x'] })) as Record<string, { missing: string[] }>;
      expect(diff.c!.missing).toEqual(['3-ddd']);
      expect(diff.z!.missing).toEqual(['1-x']);
      const got = (await db.bulkGet([{ id: 'c', rev: '2-bbb' }, { id: 'missing-doc' }], { revs: true })) as {
        results: { id: string; docs: ({ ok: Json } | { error: Json })[] }[];
      };
      const first = got.results[0]!.docs[0] as { ok: Json & { _revisions: { ids: string[] } } };
      expect(first.ok._rev).toBe('2-bbb');
      expect(first.ok._revisions.ids).toEqual(['bbb', 'aaa']);
      expect(got.results[1]!.docs[0]).toHaveProperty('error');
      // The body of a non-leaf revision until compaction (the server merge's common ancestor, fanout/server-merge.ts).
      const anc = (await db.bulkGet([{ id: 'c', rev: '1-aaa' }], {})) as { results: { docs: { ok?: Json }[] }[] };
      expect(anc.results[0]!.docs[0]!.ok).toMatchObject({ _rev: '1-aaa', v: 0 });
    });

    it('deletes, and deletion stubs travel through changes', async () => {
      const [b] = (await db.allDocs({ keys: ['b'] })).rows as Row[];
      const [del] = await db.bulkDocs([{ _id: 'b', _rev: b!.value.rev, _deleted: true }], true);
      expect(del).toMatchObject({ ok: true, id: 'b' });
      await expect(db.get('b')).rejects.toMatchObject({ status: 404 });
      const ch = await db.changes({ since: 0, includeDocs: true });
      const row = ch.results.find((r) => r.id === 'b') as { deleted?: boolean; doc?: Json };
      expect(row.deleted).toBe(true);
      expect(row.doc?._deleted).toBe(true);
    });

    it('all_docs by keys, range, limit and include_docs', async () => {
      await db.bulkDocs(['k1', 'k2', 'k3'].map((id) => ({ _id: id, kind: 'k' })), true);
      const byKeys = (await db.allDocs({ keys: ['k2', 'nope', 'k1'], include_docs: true })).rows as (Row & { error?: string })[];
      expect(byKeys.map((r) => r.key)).toEqual(['k2', 'nope', 'k1']);
      expect(byKeys[1]!.error).toBe('not_found');
      expect(byKeys[0]!.doc?.kind).toBe('k');
      const range = (await db.allDocs({ startkey: 'k1', endkey: 'k2', inclusive_end: true })).rows as Row[];
      expect(range.map((r) => r.id)).toEqual(['k1', 'k2']);
      const limited = (await db.allDocs({ startkey: 'k', limit: 1, skip: 1 })).rows as Row[];
      expect(limited.map((r) => r.id)).toEqual(['k2']);
      const desc = (await db.allDocs({ startkey: 'k3', endkey: 'k1', descending: true })).rows as Row[];
      expect(desc.map((r) => r.id)).toEqual(['k3', 'k2', 'k1']);
    });

    it('changes: since, limit, last_seq as the next since, doc_ids, all_docs style', async () => {
      const all = await db.changes({ since: 0 });
      expect(all.results.length).toBeGreaterThanOrEqual(5);
      const ids = all.results.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length); // one row per document
      const first = await db.changes({ since: 0, limit: 2 });
      expect(first.results).toHaveLength(2);
      const rest = await db.changes({ since: first.last_seq });
      expect(rest.results.length).toBe(all.results.length - 2);
      const none = await db.changes({ since: all.last_seq });
      expect(none.results).toEqual([]);
      const only = await db.changes({ since: 0, docIds: ['k1', 'c'] });
      expect(only.results.map((r) => r.id).sort()).toEqual(['c', 'k1']);
      const leaves = await db.changes({ since: 0, docIds: ['c'], allLeaves: true });
      expect(((leaves.results[0] as { changes: unknown[] }).changes).length).toBe(2);
      expect(await db.updateSeq()).toEqual(all.last_seq);
      const info = await db.info();
      expect(info.db_name).toBe(name);
      expect(typeof info.doc_count).toBe('number');
    });

    it('_local documents are stored, read and not listed in changes', async () => {
      const [r] = await db.bulkDocs([{ _id: '_local/cp', last_seq: 5 }], true);
      expect(r).toMatchObject({ ok: true, id: '_local/cp' });
      const doc = (await db.get('_local/cp')) as Json;
      expect(doc.last_seq).toBe(5);
      const [r2] = await db.bulkDocs([{ _id: '_local/cp', _rev: doc._rev, last_seq: 6 }], true);
      expect(r2).toMatchObject({ ok: true });
      const ch = await db.changes({ since: 0 });
      expect(ch.results.some((x) => String(x.id).startsWith('_local/'))).toBe(false);
    });

    it('destroys databases', async () => {
      const gone = `${name}-gone`;
      expect(await store.create(gone)).toBe(true);
      await (await store.open(gone))!.bulkDocs([{ _id: 'x' }], true);
      expect(await store.destroy!(gone)).toBe(true);
      expect(await store.exists(gone)).toBe(false);
      expect(await store.destroy!(gone)).toBe(false);
      expect(await store.create(gone)).toBe(true);
      expect(((await (await store.open(gone))!.info()) as { doc_count: number }).doc_count).toBe(0);
    });

    it('tells subscribers about writes', async () => {
      let calls = 0;
      const stop = db.subscribe(() => calls++);
      await db.bulkDocs([{ _id: `sub-${Date.now()}` }], true);
      const end = Date.now() + 5000;
      while (calls === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      stop();
      expect(calls).toBeGreaterThan(0);
    });
  });
}
