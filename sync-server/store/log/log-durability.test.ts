import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE, engineOf, ENGINE_FILE } from '../open-store';
import type { Json } from '../types';
import { LOG_FILE, LogStore } from './log-store';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-log-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** Everything a client can see of one database, to compare before and after a reopen. */
async function snapshot(store: LogStore, name: string): Promise<unknown> {
  const db = (await store.open(name))!;
  const changes = await db.changes({ since: 0, includeDocs: true, allLeaves: true, conflicts: true });
  const all = await db.allDocs({ include_docs: true, conflicts: true });
  const open = await db.get('c', { open_revs: 'all', revs: true });
  const local = await db.get('_local/cp');
  return { changes, all, open, local, info: await db.info() };
}

describe('log store on disk', () => {
  it('reads back exactly what it answered: trees, conflicts, deletions, _local, sequences', async () => {
    const dir = await tmp();
    let store = new LogStore(dir);
    await store.create('db');
    const db = (await store.open('db'))!;
    const [a] = await db.bulkDocs([{ _id: 'a', n: 1 }], true);
    await db.bulkDocs([{ _id: 'a', _rev: (a as { rev: string }).rev, n: 2 }, { _id: 'b', n: 1 }], true);
    await db.bulkDocs(
      [
        { _id: 'c', _rev: '2-bbb', v: 1, _revisions: { start: 2, ids: ['bbb', 'aaa'] } },
        { _id: 'c', _rev: '2-ccc', v: 2, _revisions: { start: 2, ids: ['ccc', 'aaa'] } },
      ],
      false,
    );
    const b = (await db.get('b')) as Json;
    await db.bulkDocs([{ _id: 'b', _rev: b._rev, _deleted: true }], true);
    await db.bulkDocs([{ _id: '_local/cp', last_seq: 4 }], true);
    const before = await snapshot(store, 'db');
    await store.close();

    store = new LogStore(dir);
    expect(await snapshot(store, 'db')).toEqual(before);
    // And it goes on from there: the next write gets the next sequence.
    const db2 = (await store.open('db'))!;
    const seq = Number(await db2.updateSeq());
    await db2.bulkDocs([{ _id: 'd' }], true);
    expect(await db2.updateSeq()).toBe(seq + 1);
    await store.close();
  });

  it('drops a line torn by a crash, and keeps appending after the last whole line', async () => {
    const dir = await tmp();
    let store = new LogStore(dir);
    await store.create('db');
    await (await store.open('db'))!.bulkDocs([{ _id: 'kept', n: 1 }], true);
    await store.close();
    const file = path.join(dir, 'db', LOG_FILE);
    await appendFile(file, '[["d","torn",9,[{"pos":1,"ids":["x",{"status":"avail'); // no newline: never acknowledged

    store = new LogStore(dir);
    const db = (await store.open('db'))!;
    await expect(db.get('torn')).rejects.toMatchObject({ status: 404 });
    expect(((await db.get('kept')) as Json).n).toBe(1);
    await db.bulkDocs([{ _id: 'after', n: 2 }], true);
    await store.close();

    store = new LogStore(dir);
    const again = (await store.open('db'))!;
    expect(((await again.get('after')) as Json).n).toBe(2);
    expect((await again.allDocs({})).rows).toHaveLength(2);
    await store.close();
  });

  it('purge leaves the bodies unreadable, and compaction removes them from the file', async () => {
    const dir = await tmp();
    let store = new LogStore(dir);
    await store.create('db');
    const db = (await store.open('db'))!;
    const [r1] = await db.bulkDocs([{ _id: 'p', name: 'Geheime Naam' }], true);
    await db.bulkDocs([{ _id: 'p', _rev: (r1 as { rev: string }).rev, name: 'Nog Geheimer' }, { _id: 'q', name: 'Blijft' }], true);
    const purged = await db.purge({ p: ['*'] });
    expect(purged.p).toHaveLength(1);
    await expect(db.get('p')).rejects.toMatchObject({ status: 404 });
    await expect(db.get('p', { rev: (r1 as { rev: string }).rev })).rejects.toMatchObject({ status: 404 });
    const file = path.join(dir, 'db', LOG_FILE);
    await db.compact!();
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('Geheim');
    expect(text).toContain('Blijft');
    await store.close();

    // The compacted file reads back the same state, stub included.
    store = new LogStore(dir);
    const again = (await store.open('db'))!;
    await expect(again.get('p')).rejects.toMatchObject({ status: 404 });
    const ch = await again.changes({ since: 0 });
    expect(ch.results.find((r) => r.id === 'p')).toMatchObject({ deleted: true });
    expect(((await again.get('q')) as Json).name).toBe('Blijft');
    await again.bulkDocs([{ _id: 'r' }], true);
    expect(await again.updateSeq()).toBeGreaterThan(Number(ch.last_seq));
    await store.close();
  });
});

describe('engine of a data folder', () => {
  it('a new folder gets the asked engine and keeps it; a folder with LevelDB databases stays LevelDB', async () => {
    const fresh = await tmp();
    expect(await engineOf(fresh, 'log')).toBe('log');
    expect((await readFile(path.join(fresh, ENGINE_FILE), 'utf8')).trim()).toBe('log');
    expect(await engineOf(fresh, undefined)).toBe('log');
    await expect(engineOf(fresh, 'leveldb')).rejects.toThrow(/REGIODESK_STORE/);

    expect(await engineOf(await tmp(), undefined)).toBe(DEFAULT_ENGINE);
    expect(DEFAULT_ENGINE).toBe('log');

    const old = await tmp();
    await mkdir(path.join(old, 'region-twente'));
    await writeFile(path.join(old, 'region-twente', 'CURRENT'), 'MANIFEST-000001\n');
    expect(await engineOf(old, undefined)).toBe('leveldb');
    expect((await readFile(path.join(old, ENGINE_FILE), 'utf8')).trim()).toBe('leveldb');
  });
});
